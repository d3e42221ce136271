"""Retention's integration events."""
from __future__ import annotations

from aicmo.retention.api.dtos import (
    AssessmentId,
    LifecycleStage,
    RiskLevel,
    UpsellOffer,
)
from aicmo.shared.events import IntegrationEvent
from aicmo.shared.ids import ClientId

__all__ = ["ClientAtRisk", "RetentionAssessed"]


class RetentionAssessed(IntegrationEvent):
    """A client was assessed."""

    assessment_id: AssessmentId
    """The assessment."""
    client_id: ClientId
    """The client."""
    risk_level: RiskLevel
    """The risk level."""
    lifecycle_stage: LifecycleStage
    """The stage."""
    upsell: tuple[UpsellOffer, ...]
    """Offers found."""


class ClientAtRisk(IntegrationEvent):
    """An assessment found a high renewal risk."""

    assessment_id: AssessmentId
    """The assessment."""
    client_id: ClientId
    """The client."""
    risk_score: float
    """The risk score."""
