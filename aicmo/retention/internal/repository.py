"""Assessments in retention's tables: added, read back by id or as a client's newest."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Optional

from sqlalchemy import select

from aicmo.retention.internal.model import AssessmentRecord
from aicmo.retention.internal.tables import RetentionAssessmentRecordRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["AssessmentRepository"]


def _record(row: RetentionAssessmentRecordRow) -> AssessmentRecord:
    # json keeps a float's shortest repr, so the figures come back with the bits they were stored with;
    # the factors come back in legacy's order, not the sorted order of the stored text
    stored = json.loads(row.factors_json)
    factors = tuple((name, stored[name]) for name in ("engagement", "overdue", "roas", "rejections"))
    return AssessmentRecord(
        assessment_id=row.id,
        client_id=row.client_id,
        days_since_engagement=row.days_since_engagement,
        risk_score=float(row.risk_score),
        risk_level=row.risk_level,
        factors=factors,
        lifecycle_stage=row.lifecycle_stage,
        upsell=tuple((offer["kind"], offer["value"]) for offer in json.loads(row.upsell_json)),
        assessed_at=row.assessed_at,
    )


class AssessmentRepository:
    """Retention's assessments on one session; the unit of work commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, record: AssessmentRecord) -> None:
        self._session.add(RetentionAssessmentRecordRow(
            id=record.assessment_id,
            client_id=record.client_id,
            days_since_engagement=record.days_since_engagement,
            risk_score=repr(record.risk_score),
            risk_level=record.risk_level,
            lifecycle_stage=record.lifecycle_stage,
            factors_json=record.factors_json,
            upsell_json=record.upsell_json,
            assessed_at=record.assessed_at,
        ))
        self._session.flush()

    def get(self, assessment_id: str) -> Optional[AssessmentRecord]:
        row = self._session.get(RetentionAssessmentRecordRow, assessment_id)
        return _record(row) if row is not None else None

    def latest_for(self, client_id: str) -> Optional[AssessmentRecord]:
        """The client's newest assessment: latest instant, then the greatest id (legacy's order)."""
        query = (select(RetentionAssessmentRecordRow).where(RetentionAssessmentRecordRow.client_id == client_id)
                 .order_by(RetentionAssessmentRecordRow.assessed_at.desc(), RetentionAssessmentRecordRow.id.desc()))
        row = self._session.scalars(query).first()
        return _record(row) if row is not None else None
