"""Retention: renewal risk, lifecycle stage and upsell (spec section 9, all ours)."""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from typing import Any

from sqlalchemy.orm import Session

from backend.db.models import CampaignRow, RetentionAssessmentRow

ENGAGEMENT_HORIZON_DAYS = 90
CHURN_AFTER_DAYS = 120
SCALE_BUDGET_ROAS = 3.0
SCALE_BUDGET_SHARE = 0.25
ADD_CHANNEL_VALUE = 10000.0


def renewal_risk(days_since_engagement: int, overdue_invoices: int, roas: float, rejections: int) -> tuple[float, str, dict[str, float]]:
    """L-29."""
    factors = {
        "engagement": 0.35 * min(days_since_engagement / ENGAGEMENT_HORIZON_DAYS, 1),
        "overdue": 0.25 * (overdue_invoices > 0),
        "roas": 0.25 * (roas < 1),
        "rejections": 0.15 * (rejections > 0),
    }
    score = sum(factors.values())
    level = "high" if score >= 0.6 else "medium" if score >= 0.3 else "low"
    return score, level, factors


def lifecycle_stage(delivered: bool, risk_level: str, days_since_engagement: int) -> str:
    """L-30."""
    if days_since_engagement > CHURN_AFTER_DAYS:
        return "churned"
    if not delivered:
        return "onboarding"
    if risk_level == "high":
        return "at_risk"
    return "active"


def upsell_opportunities(roas: float, approved_first_round: bool, last_proposal_total: float) -> list[dict[str, Any]]:
    """L-31."""
    offers = []
    if roas >= SCALE_BUDGET_ROAS:
        offers.append({"kind": "scale_budget", "value": last_proposal_total * SCALE_BUDGET_SHARE})
    if approved_first_round:
        offers.append({"kind": "add_channel", "value": ADD_CHANNEL_VALUE})
    return offers


def assess_retention(
    session: Session,
    campaign: CampaignRow,
    *,
    last_engagement_at: datetime,
    overdue_invoices: int,
    roas: float,
    rejections: int,
    delivered: bool,
    approved_first_round: bool,
    last_proposal_total: float,
) -> dict[str, Any]:
    now = datetime.now(timezone.utc)
    if last_engagement_at.tzinfo is None:
        last_engagement_at = last_engagement_at.replace(tzinfo=timezone.utc)
    days = max(0, (now - last_engagement_at).days)
    score, level, factors = renewal_risk(days, overdue_invoices, roas, rejections)
    stage = lifecycle_stage(delivered, level, days)
    upsell = upsell_opportunities(roas, approved_first_round, last_proposal_total)
    row = RetentionAssessmentRow(
        id=str(uuid.uuid4()),
        campaign_id=campaign.id,
        risk_score=score,
        risk_level=level,
        lifecycle_stage=stage,
        factors_json=json.dumps(factors, sort_keys=True),
        upsell_json=json.dumps(upsell, sort_keys=True),
        assessed_at=now,
    )
    session.add(row)
    session.flush()
    return {
        "assessment_id": row.id,
        "days_since_engagement": days,
        "risk_score": round(score, 4),
        "risk_level": level,
        "factors": {k: round(v, 4) for k, v in factors.items()},
        "lifecycle_stage": stage,
        "upsell": upsell,
    }
