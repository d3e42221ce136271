"""Retention (spec section 9): renewal risk, lifecycle stage, upsell, the assessment row."""
from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest

from aicmo.domain import ClientIntake
from backend.services import retention
from backend.services.onboarding import create_client

pytestmark = [pytest.mark.aicmo_evidence(module="retention", suite="characterization"), pytest.mark.legacy_internals("onboarding", "retention", "domain")]


def test_the_renewal_risk_grid(snapshot_json):
    """L-29: weighted factors and the high/medium/low levels at 0.6 and 0.3."""
    table = {}
    for days, overdue, roas, rejections in itertools.product((0, 45, 89, 90, 200), (0, 2), (0.99, 1.0), (0, 1)):
        score, level, _ = retention.renewal_risk(days, overdue, roas, rejections)
        table[f"d{days} o{overdue} r{roas} j{rejections}"] = f"{score!r} {level}"
    assert snapshot_json == table


def test_the_lifecycle_stage_grid(snapshot_json):
    """L-30: onboarding before delivery, active, at_risk when high, churned after 120 days."""
    table = {
        f"{delivered} {level} {days}": retention.lifecycle_stage(delivered, level, days)
        for delivered, level, days in itertools.product((False, True), ("low", "medium", "high"), (0, 120, 121))
    }
    assert snapshot_json == table


def test_the_upsell_grid(snapshot_json):
    """L-31: scale_budget at ROAS >= 3 (25% of the proposal); add_channel after one round."""
    table = {
        f"{roas} {first}": retention.upsell_opportunities(roas, first, 50000.0)
        for roas, first in itertools.product((2.99, 3.0, 5.0), (False, True))
    }
    assert snapshot_json == table


def test_an_assessment_and_what_it_writes(legacy_session, db_effects, snapshot_json):
    """Days since engagement from the clock (naive taken as UTC); one retention_assessments row."""
    campaign = create_client(legacy_session, ClientIntake(brand_name="Retained"))
    now = datetime.now(timezone.utc)
    cases = {
        "fresh": dict(last_engagement_at=now, overdue_invoices=0, roas=3.2, rejections=0, delivered=True, approved_first_round=True),
        "naive_old": dict(last_engagement_at=(now - timedelta(days=100)).replace(tzinfo=None), overdue_invoices=1, roas=0.5, rejections=1, delivered=True, approved_first_round=False),
        "future": dict(last_engagement_at=now + timedelta(days=3), overdue_invoices=0, roas=1.0, rejections=0, delivered=False, approved_first_round=False),
        "churned": dict(last_engagement_at=now - timedelta(days=121), overdue_invoices=0, roas=1.5, rejections=0, delivered=True, approved_first_round=False),
    }
    results = {}
    for name, kwargs in cases.items():
        result, effects = db_effects(
            lambda kw=kwargs: retention.assess_retention(legacy_session, campaign, last_proposal_total=50000.0, **kw),
            legacy_session,
        )
        results[name] = {"result": result, "effects": effects}
    assert snapshot_json == results
