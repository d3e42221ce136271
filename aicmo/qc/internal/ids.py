"""QC's ids, derived by name (the kit's derived_id) exactly as the legacy adapter derives them.

The same evaluation round gets the same result id on the legacy and the new path, so shadow
comparisons and the pins match on ids too.
"""
from __future__ import annotations

from aicmo.qc.api import QcResultId
from aicmo.shared.ids import MessageId, derived_id

__all__ = ["event_id_for", "result_id_for"]


def result_id_for(creative_set_id: str, round_number: int) -> QcResultId:
    """The id of a set's n-th evaluation (from 0)."""
    return derived_id(QcResultId, creative_set_id, round_number)


def event_id_for(qc_result_id: str, event_type: str) -> MessageId:
    """One evaluation raises one event of a type, so the pair names it."""
    return derived_id(MessageId, qc_result_id, event_type)
