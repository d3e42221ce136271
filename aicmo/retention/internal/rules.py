"""Retention's rules (spec §9, L-29..L-31), in legacy's float arithmetic and legacy's order.

The figures must come out bit for bit as legacy's: the legacy view stores the unrounded score
and factors, and the answer rounds them to 4 places. So each factor is computed as legacy writes
it (a weight times a bool, a weight times a capped ratio) and the score is the sum of the factors
in legacy's order, starting from the integer 0 as Python's sum does.
"""
from __future__ import annotations

import datetime as dt

__all__ = [
    "ADD_CHANNEL_VALUE",
    "CHURN_AFTER_DAYS",
    "ENGAGEMENT_HORIZON_DAYS",
    "SCALE_BUDGET_ROAS",
    "SCALE_BUDGET_SHARE",
    "days_since",
    "lifecycle_stage",
    "renewal_risk",
    "risk_level",
    "upsell_offers",
]

ENGAGEMENT_HORIZON_DAYS = 90
CHURN_AFTER_DAYS = 120
SCALE_BUDGET_ROAS = 3.0
SCALE_BUDGET_SHARE = 0.25
ADD_CHANNEL_VALUE = 10000.0

HIGH_RISK = 0.6
MEDIUM_RISK = 0.3


def days_since(last_engagement_at: dt.datetime, now: dt.datetime) -> int:
    """Whole days elapsed (a timedelta's floor), never negative: an engagement in the future counts as today."""
    return max(0, (now - last_engagement_at).days)


def renewal_risk(days: int, overdue_invoices: int, roas: float, rejections: int) -> tuple[float, dict[str, float]]:
    """L-29: the weighted factors, in legacy's order, and their sum (unrounded)."""
    factors = {
        "engagement": 0.35 * min(days / ENGAGEMENT_HORIZON_DAYS, 1),
        "overdue": 0.25 * (overdue_invoices > 0),
        "roas": 0.25 * (roas < 1),
        "rejections": 0.15 * (rejections > 0),
    }
    return sum(factors.values()), factors


def risk_level(score: float) -> str:
    """L-29: high at 0.6, medium at 0.3, low below."""
    return "high" if score >= HIGH_RISK else "medium" if score >= MEDIUM_RISK else "low"


def lifecycle_stage(delivered: bool, level: str, days: int) -> str:
    """L-30: churned past 120 days whatever else, onboarding until delivered, at risk when high."""
    if days > CHURN_AFTER_DAYS:
        return "churned"
    if not delivered:
        return "onboarding"
    if level == "high":
        return "at_risk"
    return "active"


def upsell_offers(roas: float, approved_first_round: bool, last_proposal_total: float) -> list[tuple[str, float]]:
    """L-31: scale_budget (a quarter of the last proposal) at ROAS 3, add_channel after a first-round approval."""
    offers = []
    if roas >= SCALE_BUDGET_ROAS:
        offers.append(("scale_budget", last_proposal_total * SCALE_BUDGET_SHARE))
    if approved_first_round:
        offers.append(("add_channel", ADD_CHANNEL_VALUE))
    return offers
