"""Discard a creative set: the compensation of produce_creatives and rewrite_creatives.

The rows stay (what was generated is evidence) with status DISCARDED. Legacy also keeps the
QC scores (Q-09) and the review decisions on these rows; production owns the table, so
discarding the set is also how qc-on-legacy's and client_review's marks are withdrawn.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from aicmo.production.api import CreativeStatus
from aicmo.shared.compensation import Compensation, CompensationStatus
from backend.services.production import creatives_for

__all__ = ["discard_set"]

ACTION = "discard_creatives"


def discard_set(session: Session, creative_set_id: str) -> Compensation:
    rows = creatives_for(session, creative_set_id)
    if not rows:
        return Compensation(action=ACTION, target_id=creative_set_id, status=CompensationStatus.NOTHING_TO_COMPENSATE)
    live = [row for row in rows if row.status != CreativeStatus.DISCARDED.value]
    if not live:
        return Compensation(action=ACTION, target_id=creative_set_id, status=CompensationStatus.ALREADY_COMPENSATED)
    for row in live:
        row.status = CreativeStatus.DISCARDED.value
    return Compensation(action=ACTION, target_id=creative_set_id, status=CompensationStatus.COMPENSATED,
                        undone=tuple(row.id for row in live))
