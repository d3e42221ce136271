"""Retention translation: legacy assessment dicts and rows <-> RetentionAssessment."""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Optional

from acl._support.errors import TranslationError
from acl._support.translate import aware, build
from aicmo.retention.api import RetentionAssessment
from backend.db.models import RetentionAssessmentRow

__all__ = ["assessment_from_legacy", "assessment_from_row"]


def assessment_from_legacy(legacy: dict[str, Any], client_id: str, assessed_at: datetime) -> RetentionAssessment:
    return build(RetentionAssessment, {**legacy, "client_id": client_id, "assessed_at": assessed_at}, "legacy retention assessment")


def assessment_from_row(row: RetentionAssessmentRow, days_since_engagement: Optional[int]) -> RetentionAssessment:
    if days_since_engagement is None:
        # the row keeps the risk, not the engagement gap it was computed from
        raise TranslationError(
            f"retention_assessments {row.id}: field 'days_since_engagement' was not recorded", field="days_since_engagement"
        )
    factors = json.loads(row.factors_json)
    legacy = {
        "assessment_id": row.id,
        "days_since_engagement": days_since_engagement,
        "risk_score": round(row.risk_score, 4),
        "risk_level": row.risk_level,
        "factors": {k: round(v, 4) for k, v in factors.items()},
        "lifecycle_stage": row.lifecycle_stage,
        "upsell": json.loads(row.upsell_json),
    }
    return assessment_from_legacy(legacy, row.campaign_id, aware(row.assessed_at))
