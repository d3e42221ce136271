"""The integration events retention raises, with ids derived from the assessment that raised them."""
from __future__ import annotations

from aicmo.retention.api import ClientAtRisk, RetentionAssessed, RetentionAssessment, RiskLevel
from aicmo.shared.events import IntegrationEvent
from aicmo.shared.ids import CorrelationId, MessageId, derived_id

__all__ = ["raised_by"]


def raised_by(assessment: RetentionAssessment) -> list[IntegrationEvent]:
    """RetentionAssessed always, ClientAtRisk when the risk is high; one of each type per assessment."""
    def common(event_type: str) -> dict:
        return {
            "event_id": derived_id(MessageId, "retention", str(assessment.assessment_id), event_type),
            "occurred_at": assessment.assessed_at,
            # the signals carry no flow id; a client's journey is the flow, so its id stands in
            "correlation_id": CorrelationId(str(assessment.client_id)),
        }

    raised: list[IntegrationEvent] = [RetentionAssessed(
        **common("RetentionAssessed"), assessment_id=assessment.assessment_id, client_id=assessment.client_id,
        risk_level=assessment.risk_level, lifecycle_stage=assessment.lifecycle_stage, upsell=assessment.upsell,
    )]
    if assessment.risk_level is RiskLevel.HIGH:
        raised.append(ClientAtRisk(**common("ClientAtRisk"), assessment_id=assessment.assessment_id,
                                   client_id=assessment.client_id, risk_score=assessment.risk_score))
    return raised
