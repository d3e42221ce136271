"""Retention's port: assess a client, read assessments."""
from __future__ import annotations

from typing import Protocol, runtime_checkable

from aicmo.retention.api.dtos import AssessmentId, RetentionAssessment, RetentionSignals
from aicmo.shared.dto import IdempotencyKey
from aicmo.shared.ids import ClientId

__all__ = ["RetentionPort"]


@runtime_checkable
class RetentionPort(Protocol):
    """What other modules and the orchestration may ask of retention."""

    def assess_retention(self, signals: RetentionSignals, idempotency_key: IdempotencyKey) -> RetentionAssessment:
        """Renewal risk, lifecycle stage and upsell from the signals (L-29..L-31)."""
        ...

    def get_assessment(self, assessment_id: AssessmentId) -> RetentionAssessment:
        """An assessment; AssessmentNotFound when unknown."""
        ...

    def latest_assessment(self, client_id: ClientId) -> RetentionAssessment:
        """The client's newest assessment; AssessmentNotFound when never assessed."""
        ...
