"""Where the new client review knowingly differs from legacy, each with its reason.

The names here are the ones client_review's shadow `explain` may tag a mismatch with; the gate
counts such a mismatch as explained only once the name is also declared in the routes database
(`aicmo migrate diverge client_review NAME --reason ...`, audited).

None: the new path reproduces L-19, L-20 and the notes of Q-10 with the ACL's ids and wording.
Writing creative_assets.review_* and the REJECTED project state (Q-10) is not client review's
own table any more; the legacy view is kept by acl/client_review/legacy_view_sync.py, so legacy
readers (delivery's approval gate, the operator flow's summary, onboarding's view of the
project row) see the same columns.
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["DECLARED_DIVERGENCES"]

DECLARED_DIVERGENCES: Mapping[str, str] = MappingProxyType({})
