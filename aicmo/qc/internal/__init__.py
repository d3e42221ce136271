"""QC's new implementation: its own tables, rules, unit of work, outbox and service.

Private to the qc module; the composition root builds it from `descriptor.DESCRIPTOR`.
"""
