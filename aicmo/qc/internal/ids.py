"""QC's ids, derived by name (uuid5) the way the ACL derives them.

The same evaluation round gets the same result id on the legacy and the new path, so shadow
comparisons and the characterization snapshots match on ids too; and no uuid4 is drawn, which
would shift every id legacy mints afterwards in a reproducible run.
"""
from __future__ import annotations

import uuid

from aicmo.qc.api import QcResultId
from aicmo.shared.ids import MessageId

__all__ = ["event_id_for", "result_id_for"]

# the namespace of acl/_support/derived_ids.py: equal ids on both paths depend on it
_NAMESPACE = uuid.UUID("5d0f3c1e-6a43-4c55-9f8e-0a1c2b3d4e5f")


def _derived(kind: str, *parts: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, kind + ":" + ":".join(str(p) for p in parts)))


def result_id_for(creative_set_id: str, round_number: int) -> QcResultId:
    """The id of a set's n-th evaluation (from 0)."""
    return QcResultId(_derived("QcResultId", creative_set_id, round_number))


def event_id_for(qc_result_id: str, event_type: str) -> MessageId:
    """One evaluation raises one event of a type, so the pair names it."""
    return MessageId(_derived("MessageId", qc_result_id, event_type))
