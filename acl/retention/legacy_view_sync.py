"""The legacy view of retention: with retention on its new path, keep retention_assessments as legacy kept it.

The new retention keeps its assessments in its own tables (`retention_assessment_records`).
Frozen legacy code reads none of retention_assessments today (the old operator flow writes its
own rows), but the table is where every assessment has been, and the pins and the journeys
compare it on every route: so after each assessment this sync writes its row from retention's
record, through the legacy session, with exactly the values `backend.services.retention` wrote
(the score and the factors unrounded, the factors and offers as legacy's JSON, the instant).

Only retention writes those rows and it never changes an assessment, so there is nothing to
absorb. The sync runs after retention's own commit, on every call, a replay included: a row
missing after a crash (retention committed, the sync did not) is written by the replay, and a
row present with other values is set back to the record's. A keyed assessment legacy already
made under the key (a journey resumed after the route moved to new) is answered as legacy
answered it, not made again.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from acl._support.legacy_answers import legacy_answer
from acl._support.legacy_session import legacy_session
from acl._support.translate import aware
from aicmo.retention.api import AssessmentId, RetentionAssessment, RetentionSignals
from aicmo.retention.internal.model import AssessmentRecord
from aicmo.retention.internal.service import RetentionService
from aicmo.shared.ids import ClientId
from backend.db.models import RetentionAssessmentRow

__all__ = ["RetentionWithLegacyView", "legacy_columns", "sync_legacy_view"]

MODULE = "retention"


def legacy_columns(record: AssessmentRecord) -> dict[str, Any]:
    """The record's retention_assessments columns as legacy writes them (the id aside)."""
    return {
        "campaign_id": record.client_id,
        "risk_score": record.risk_score,
        "risk_level": record.risk_level,
        "lifecycle_stage": record.lifecycle_stage,
        "factors_json": record.factors_json,
        "upsell_json": record.upsell_json,
        "assessed_at": record.assessed_at,
    }


def _same(stored: Any, value: Any) -> bool:
    if isinstance(value, dt.datetime) and isinstance(stored, dt.datetime):
        return aware(stored) == value  # SQLite hands the instant back naive
    return bool(stored == value)


def sync_legacy_view(record: AssessmentRecord) -> None:
    """Write the assessment's row, adding it when missing; only what differs is written."""
    with legacy_session(MODULE) as session:
        row = session.get(RetentionAssessmentRow, record.assessment_id)
        columns = legacy_columns(record)
        if row is None:
            session.add(RetentionAssessmentRow(id=record.assessment_id, **columns))
            return
        for name, value in columns.items():
            if not _same(getattr(row, name), value):
                setattr(row, name, value)


class RetentionWithLegacyView:
    """A RetentionPort that keeps retention_assessments in step with the new retention it wraps."""

    def __init__(self, retention: RetentionService) -> None:
        self._retention = retention

    def assess_retention(self, signals: RetentionSignals, idempotency_key: str) -> RetentionAssessment:
        earlier = legacy_answer(MODULE, "assess_retention", idempotency_key, signals, RetentionAssessment)
        if earlier is not None:
            return earlier  # legacy made it and wrote its row; retention's tables never held it
        result = self._retention.assess_retention(signals, idempotency_key)
        record = self._retention.record_of(str(result.assessment_id))
        assert record is not None, f"assessment {result.assessment_id} vanished"
        sync_legacy_view(record)
        return result

    def get_assessment(self, assessment_id: AssessmentId) -> RetentionAssessment:
        return self._retention.get_assessment(assessment_id)

    def latest_assessment(self, client_id: ClientId) -> RetentionAssessment:
        return self._retention.latest_assessment(client_id)
