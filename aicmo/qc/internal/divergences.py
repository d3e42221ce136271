"""Where the new QC knowingly differs from legacy, each with its reason.

The names here are the ones qc's shadow `explain` may tag a mismatch with; the gate counts such
a mismatch as explained only once the name is also declared in the routes database
(`aicmo migrate diverge qc NAME --reason ...`, audited), so a divergence is decided in review
here and accepted, per deployment, there.

None: the new path reproduces ruleset v1 with its quirks (Q-07, Q-08, Q-06 through the
calendar rule) and the ACL's ids. Writing creative_assets (Q-09) is not QC's any more; the
legacy view is kept by acl/qc/legacy_view_sync.py, so legacy readers see the same columns.
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["DECLARED_DIVERGENCES"]

DECLARED_DIVERGENCES: Mapping[str, str] = MappingProxyType({})
