"""RetentionPort over legacy: assess_retention and the retention_assessments rows."""
from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import select

from acl._support.idempotency import DurableIdempotency
from acl._support.legacy_session import legacy_session
from acl._support.row_reads import row_by_id
from acl._support.translate import aware
from acl.retention.translation import assessment_from_legacy, assessment_from_row
from aicmo.retention.api import (
    AssessmentId,
    AssessmentNotFound,
    RetentionAssessment,
    RetentionSignals,
)
from aicmo.shared.ids import ClientId
from backend.db.models import RetentionAssessmentRow
from backend.services.retention import assess_retention

__all__ = ["LegacyRetention"]

MODULE = "retention"


class LegacyRetention:
    """The retention port, answered by the legacy retention service."""

    def __init__(self) -> None:
        self._idempotency = DurableIdempotency(MODULE)
        self._days: dict[str, int] = {}

    def assess_retention(self, signals: RetentionSignals, idempotency_key: str) -> RetentionAssessment:
        def run() -> RetentionAssessment:
            client_id = str(signals.client_id)
            with legacy_session(MODULE) as session:
                legacy = assess_retention(
                    session,
                    SimpleNamespace(id=client_id),  # legacy reads nothing of the project row but its id
                    last_engagement_at=signals.last_engagement_at,
                    overdue_invoices=signals.billing.overdue_count,
                    roas=signals.report.overall.kpis.roas,
                    rejections=signals.client_rejections,
                    delivered=signals.delivered,
                    approved_first_round=signals.approved_in_first_round,
                    last_proposal_total=float(signals.last_proposal.total),
                )
                row = row_by_id(session, RetentionAssessmentRow, legacy["assessment_id"])
                assessment = assessment_from_legacy(legacy, client_id, aware(row.assessed_at))
            self._days[str(assessment.assessment_id)] = assessment.days_since_engagement
            return assessment

        return self._idempotency.once("assess_retention", idempotency_key, signals, run)

    def get_assessment(self, assessment_id: AssessmentId) -> RetentionAssessment:
        with legacy_session(MODULE) as session:
            row = row_by_id(session, RetentionAssessmentRow, str(assessment_id))
            if row is None:
                raise AssessmentNotFound(f"assessment {assessment_id} not found", assessment_id=str(assessment_id))
            return assessment_from_row(row, self._days.get(row.id))

    def latest_assessment(self, client_id: ClientId) -> RetentionAssessment:
        with legacy_session(MODULE) as session:
            stmt = (
                select(RetentionAssessmentRow)
                .where(RetentionAssessmentRow.campaign_id == str(client_id))
                .order_by(RetentionAssessmentRow.assessed_at.desc(), RetentionAssessmentRow.id.desc())
            )
            row = session.scalars(stmt).first()
            if row is None:
                raise AssessmentNotFound(f"client {client_id} was never assessed", client_id=str(client_id))
            return assessment_from_row(row, self._days.get(row.id))
