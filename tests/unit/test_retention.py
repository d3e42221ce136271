"""Retention (spec section 9: L-29..L-31)."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from backend.db.models import RetentionAssessmentRow
from backend.services.retention import assess_retention, lifecycle_stage, renewal_risk, upsell_opportunities

pytestmark = [pytest.mark.usefixtures("legacy_env"), pytest.mark.legacy_internals("retention")]


# --- L-29 -------------------------------------------------------------------------------


def test_l29_no_risk_factor_scores_zero_low():
    """Engaged today, nothing overdue, ROAS 2, no rejection: 0.0, low."""
    score, level, factors = renewal_risk(0, 0, 2.0, 0)
    assert (0.0, "low") == (score, level)
    assert {"engagement": 0.0, "overdue": 0.0, "roas": 0.0, "rejections": 0.0} == factors


def test_l29_factor_weights_are_35_25_25_15():
    """90+ days 0.35, overdue 0.25, ROAS < 1 0.25, rejections 0.15: all four give 1.0."""
    score, level, factors = renewal_risk(90, 1, 0.5, 1)
    assert {"engagement": 0.35, "overdue": 0.25, "roas": 0.25, "rejections": 0.15} == factors
    assert (pytest.approx(1.0), "high") == (score, level)


def test_l29_engagement_factor_is_proportional_and_capped():
    """45 days → 0.175; 180 days is capped at 0.35."""
    assert (pytest.approx(0.175), 0.35) == (
        renewal_risk(45, 0, 2.0, 0)[2]["engagement"],
        renewal_risk(180, 0, 2.0, 0)[2]["engagement"],
    )


def test_l29_roas_exactly_1_is_not_a_risk():
    """ROAS < 1 counts; ROAS 1.0 does not."""
    assert (0.25, 0.0) == (renewal_risk(0, 0, 0.99, 0)[2]["roas"], renewal_risk(0, 0, 1.0, 0)[2]["roas"])


@pytest.mark.parametrize(
    "args, score, level",
    [
        ((0, 1, 2.0, 0), 0.25, "low"),
        ((0, 0, 2.0, 1), 0.15, "low"),
        ((90, 0, 2.0, 0), 0.35, "medium"),
        ((0, 1, 2.0, 1), 0.40, "medium"),
        ((0, 1, 0.5, 0), 0.50, "medium"),
        ((90, 1, 2.0, 0), 0.60, "high"),
        ((0, 1, 0.5, 1), 0.65, "high"),
    ],
)
def test_l29_levels_at_0_6_and_0_3(args, score, level):
    """≥ 0.6 high, ≥ 0.3 medium, else low."""
    actual_score, actual_level, _ = renewal_risk(*args)
    assert (pytest.approx(score), level) == (actual_score, actual_level)


# --- L-30 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "delivered, level, days, stage",
    [
        (False, "low", 0, "onboarding"),
        (False, "high", 10, "onboarding"),
        (True, "low", 0, "active"),
        (True, "medium", 30, "active"),
        (True, "high", 30, "at_risk"),
        (True, "high", 120, "at_risk"),
        (True, "high", 121, "churned"),
        (True, "low", 200, "churned"),
        (False, "low", 121, "churned"),
    ],
)
def test_l30_lifecycle_stage(delivered, level, days, stage):
    """onboarding until first delivery; active; at_risk when risk is high; churned after 120 days."""
    assert stage == lifecycle_stage(delivered, level, days)


# --- L-31 -------------------------------------------------------------------------------


def test_l31_roas_3_offers_scale_budget_at_25_percent_of_the_proposal():
    """ROAS 3.0 → scale_budget worth 12,500 (25% of 50,000)."""
    assert [{"kind": "scale_budget", "value": 12500.0}] == upsell_opportunities(3.0, False, 50000.0)


def test_l31_roas_below_3_offers_nothing():
    """ROAS 2.99 and a multi-round approval: no upsell."""
    assert [] == upsell_opportunities(2.99, False, 50000.0)


def test_l31_first_round_approval_offers_add_channel_10000():
    """All creatives approved in one round → add_channel worth 10,000."""
    assert [{"kind": "add_channel", "value": 10000.0}] == upsell_opportunities(1.0, True, 50000.0)


def test_l31_both_offers():
    """ROAS 4 and a first-round approval give both offers."""
    offers = upsell_opportunities(4.0, True, 50000.0)
    assert [("scale_budget", 12500.0), ("add_channel", 10000.0)] == [(o["kind"], o["value"]) for o in offers]


# --- assessment (L-29..L-31 together) ---------------------------------------------------


def _assess(project, last_engagement_at, *, overdue_invoices, roas):
    """A delivered client with no rejection, on the 50,000 proposal."""
    return assess_retention(
        project.session,
        project.campaign,
        last_engagement_at=last_engagement_at,
        overdue_invoices=overdue_invoices,
        roas=roas,
        rejections=0,
        delivered=True,
        approved_first_round=False,
        last_proposal_total=50000.0,
    )


@freeze_time("2026-01-15T10:00:00Z")
def test_l29_l30_assessment_counts_days_since_last_engagement_and_stores_a_row(make_project):
    """Last engaged 2025-11-01 (75 days): engagement 0.2917 + overdue 0.25 = 0.5417 medium, active; stored."""
    project = make_project()
    result = _assess(project, datetime(2025, 11, 1, 10, 0, tzinfo=timezone.utc), overdue_invoices=1, roas=3.5)
    assert (75, 0.5417, "medium", "active") == (
        result["days_since_engagement"],
        result["risk_score"],
        result["risk_level"],
        result["lifecycle_stage"],
    )
    assert [{"kind": "scale_budget", "value": 12500.0}] == result["upsell"]
    row = project.session.scalars(select(RetentionAssessmentRow)).one()
    assert ("medium", "active", result["upsell"]) == (row.risk_level, row.lifecycle_stage, json.loads(row.upsell_json))


@freeze_time("2026-01-15T10:00:00Z")
def test_l30_assessment_after_121_days_is_churned(make_project):
    """No engagement for 121 days: churned."""
    project = make_project()
    result = _assess(project, datetime(2025, 9, 16, 10, 0, tzinfo=timezone.utc), overdue_invoices=0, roas=2.0)
    assert (121, "churned") == (result["days_since_engagement"], result["lifecycle_stage"])
