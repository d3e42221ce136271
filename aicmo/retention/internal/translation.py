"""Retention's records as the contract DTO: the figures rounded to 4 places as legacy's answer rounds them."""
from __future__ import annotations

from aicmo.retention.api import RetentionAssessment
from aicmo.retention.internal.model import AssessmentRecord

__all__ = ["assessment_dto"]


def assessment_dto(record: AssessmentRecord) -> RetentionAssessment:
    # the offers' values go in as the floats legacy's answer holds: the DTO reads them into
    # Decimal the same way on both paths
    return RetentionAssessment.model_validate({
        "assessment_id": record.assessment_id,
        "client_id": record.client_id,
        "days_since_engagement": record.days_since_engagement,
        "risk_score": round(record.risk_score, 4),
        "risk_level": record.risk_level,
        "factors": {name: round(value, 4) for name, value in record.factors},
        "lifecycle_stage": record.lifecycle_stage,
        "upsell": [{"kind": kind, "value": value} for kind, value in record.upsell],
        "assessed_at": record.assessed_at,
    })
