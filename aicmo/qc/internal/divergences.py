"""Where the new QC knowingly differs from legacy, each with its reason (read by the promotion gate).

None: the new path reproduces ruleset v1 with its quirks (Q-07, Q-08, Q-06 through the
calendar rule) and the ACL's ids. Writing creative_assets (Q-09) is not QC's any more; the
legacy view is kept by acl/qc/legacy_view_sync.py, so legacy readers see the same columns.
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["DECLARED_DIVERGENCES"]

DECLARED_DIVERGENCES: Mapping[str, str] = MappingProxyType({})
