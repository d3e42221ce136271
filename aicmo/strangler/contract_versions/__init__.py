"""Versioned module contracts: schema snapshots, the breaking-change rules, the generated docs.

``export`` turns a module's api into a schema document, ``store`` keeps the committed ones in
``contract_snapshots/<module>.json``, ``diff`` lists what changed and ``verdict`` decides whether the
contract version allows it; ``docs`` writes docs/contracts.md.
"""
