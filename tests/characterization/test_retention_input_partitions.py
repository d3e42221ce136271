"""Retention over its input space: engagement instants (naive, offsets, fractions, future) and odd counts and ROAS."""
from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import pytest

from aicmo.domain import ClientIntake
from backend.services import retention
from backend.services.onboarding import create_client

pytestmark = [pytest.mark.aicmo_evidence(module="retention", suite="characterization"), pytest.mark.legacy_internals("onboarding", "retention", "domain")]

IST = timezone(timedelta(hours=5, minutes=30))
PST = timezone(timedelta(hours=-8))

# the clock is pinned at 2026-01-15T10:00:00Z
INSTANTS = {
    "naive_now": datetime(2026, 1, 15, 10, 0),
    "utc_now": datetime(2026, 1, 15, 10, 0, tzinfo=timezone.utc),
    "naive_local_looking_yesterday": datetime(2026, 1, 14, 23, 30),
    "ist_same_instant": datetime(2026, 1, 15, 15, 30, tzinfo=IST),
    "ist_one_day_minus_1us": datetime(2026, 1, 14, 15, 30, 0, 1, tzinfo=IST),
    "ist_one_day": datetime(2026, 1, 14, 15, 30, tzinfo=IST),
    "pst_calendar_yesterday_same_instant": datetime(2026, 1, 15, 2, 0, tzinfo=PST),
    "fractional_30_days": datetime(2025, 12, 16, 9, 59, 59, 999999, tzinfo=timezone.utc),
    "fractional_just_under_30_days": datetime(2025, 12, 16, 10, 0, 0, 1, tzinfo=timezone.utc),
    "future_by_an_hour": datetime(2026, 1, 15, 11, 0, tzinfo=timezone.utc),
    "future_by_a_year": datetime(2027, 1, 15, 10, 0, tzinfo=timezone.utc),
    "long_ago": datetime(2000, 1, 1, tzinfo=timezone.utc),
}


def test_days_since_engagement_for_every_kind_of_instant(legacy_session, snapshot_json):
    """L-29/L-30: naive instants are UTC, offsets are honoured, whole days are floored, the future counts as 0 days."""
    campaign = create_client(legacy_session, ClientIntake(brand_name="Instants"))
    table = {}
    for name, instant in INSTANTS.items():
        result = retention.assess_retention(
            legacy_session, campaign, last_engagement_at=instant, overdue_invoices=0, roas=2.0, rejections=0,
            delivered=True, approved_first_round=False, last_proposal_total=50000.0,
        )
        table[name] = {k: result[k] for k in ("days_since_engagement", "risk_score", "lifecycle_stage")}
    assert snapshot_json == table


def test_odd_counts_roas_and_proposals(legacy_session, db_effects, snapshot_json):
    """L-29/L-31: negative counts add no risk; NaN ROAS is neither low nor high; infinite ROAS scales; every column of each row written."""
    campaign = create_client(legacy_session, ClientIntake(brand_name="Odd Inputs"))
    now = datetime.now(timezone.utc)
    cases = {
        "negative_counts": dict(overdue_invoices=-2, roas=1.0, rejections=-1, last_proposal_total=50000.0),
        "nan_roas": dict(overdue_invoices=0, roas=math.nan, rejections=0, last_proposal_total=50000.0),
        "infinite_roas": dict(overdue_invoices=0, roas=math.inf, rejections=0, last_proposal_total=50000.0),
        "negative_roas": dict(overdue_invoices=0, roas=-0.5, rejections=0, last_proposal_total=50000.0),
        "inexact_proposal": dict(overdue_invoices=0, roas=3.0, rejections=0, last_proposal_total=0.1),
        "everything_bad": dict(overdue_invoices=3, roas=0.0, rejections=9, last_proposal_total=0.0),
    }
    table = {}
    for name, kwargs in cases.items():
        result, effects = db_effects(
            lambda kw=kwargs: retention.assess_retention(
                legacy_session, campaign, last_engagement_at=now - timedelta(days=200), delivered=True, approved_first_round=True, **kw
            ),
            legacy_session,
        )
        table[name] = {"result": result, "row": effects["retention_assessments"]["inserted"]}
    assert snapshot_json == table
