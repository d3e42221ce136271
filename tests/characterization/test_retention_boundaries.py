"""Retention at its numeric edges: risk exactly 0.6 and 0.3, the 90-day cap, churn at 120 days, ROAS 1 and 3."""
from __future__ import annotations

import itertools
import math
from datetime import datetime, timedelta, timezone

import pytest

from aicmo.domain import ClientIntake
from backend.services import retention
from backend.services.onboarding import create_client
from tests.characterization.spec_rules import retention as spec

pytestmark = [pytest.mark.aicmo_evidence(module="retention", suite="characterization"), pytest.mark.legacy_internals("onboarding", "retention", "domain")]


def test_the_spec_constants_are_legacy_constants():
    """L-29/L-30/L-31: the spec's horizon, churn days, ROAS cut, share and add-channel value are legacy's constants."""
    assert retention.ENGAGEMENT_HORIZON_DAYS == spec.ENGAGEMENT_HORIZON_DAYS
    assert retention.CHURN_AFTER_DAYS == spec.CHURN_AFTER_DAYS
    assert retention.SCALE_BUDGET_ROAS == spec.SCALE_BUDGET_ROAS
    assert retention.SCALE_BUDGET_SHARE == spec.SCALE_BUDGET_SHARE
    assert retention.ADD_CHANNEL_VALUE == spec.ADD_CHANNEL_VALUE
    _, _, factors = retention.renewal_risk(spec.ENGAGEMENT_HORIZON_DAYS, 1, 0.0, 1)
    assert factors == {"engagement": spec.ENGAGEMENT_WEIGHT, "overdue": spec.OVERDUE_WEIGHT, "roas": spec.LOW_ROAS_WEIGHT, "rejections": spec.REJECTIONS_WEIGHT}


def _spec_level(score: float) -> str:
    return "high" if score >= spec.HIGH_RISK_AT else "medium" if score >= spec.MEDIUM_RISK_AT else "low"


def _score(days: float, overdue: int, roas: float, rejections: int) -> float:
    return retention.renewal_risk(days, overdue, roas, rejections)[0]


def _neighbourhood(start: float, steps: int = 64) -> list[float]:
    """start and the `steps` floats on either side of it, ascending."""
    down, up, out = start, start, [start]
    for _ in range(steps):
        down, up = math.nextafter(down, -math.inf), math.nextafter(up, math.inf)
        out += [down, up]
    return sorted(out)


def _days_landing_on(threshold: float, overdue: int, roas: float, rejections: int) -> dict[str, float | None]:
    """Fractional days whose score is exactly the threshold, the float just below it, and the first above it.

    The analytic days (threshold - other factors) / 0.35 x 90 can miss by an ulp in floats, so the
    floats around it are searched for the first one that lands ON the threshold (asserted by the caller).
    """
    base = spec.OVERDUE_WEIGHT * (overdue > 0) + spec.LOW_ROAS_WEIGHT * (roas < spec.LOW_ROAS_BELOW) + spec.REJECTIONS_WEIGHT * (rejections > 0)
    analytic = (threshold - base) / spec.ENGAGEMENT_WEIGHT * spec.ENGAGEMENT_HORIZON_DAYS
    around = _neighbourhood(analytic)
    on = next(d for d in around if _score(d, overdue, roas, rejections) == threshold)
    above = next((d for d in around if _score(d, overdue, roas, rejections) > threshold), None)
    return {"analytic": analytic, "below": math.nextafter(on, 0), "on": on, "above": above}


def _factor_sets(threshold: float):
    """Every (overdue, roas, rejections) whose other factors leave room for the engagement share to reach the threshold."""
    for overdue, roas, rejections in itertools.product((0, 1), (1.0, 0.5), (0, 1)):
        base = spec.OVERDUE_WEIGHT * overdue + spec.LOW_ROAS_WEIGHT * (roas < 1) + spec.REJECTIONS_WEIGHT * rejections
        if 0 < threshold - base <= spec.ENGAGEMENT_WEIGHT + 1e-12:
            yield overdue, roas, rejections


def test_risk_lands_exactly_on_each_level_threshold(snapshot_json):
    """L-29: a score of exactly 0.6 is high and exactly 0.3 medium (>=); the float just below is the level under; whole-day neighbours too."""
    table = {}
    for threshold in (spec.HIGH_RISK_AT, spec.MEDIUM_RISK_AT):
        for overdue, roas, rejections in _factor_sets(threshold):
            days = _days_landing_on(threshold, overdue, roas, rejections)
            assert _score(days["on"], overdue, roas, rejections) == threshold  # ON the boundary, exactly
            assert _score(days["below"], overdue, roas, rejections) < threshold
            row = {}
            whole = {"whole_below": math.ceil(days["analytic"]) - 1, "whole_above": math.floor(days["analytic"]) + 1}
            for name, d in {**days, **whole}.items():
                if d is None or name == "analytic":
                    row[name] = None if d is None else repr(d)
                    continue
                score, level, _ = retention.renewal_risk(d, overdue, roas, rejections)
                assert level == _spec_level(score)
                row[name] = {"days": repr(d), "score": repr(score), "level": level}
            assert row["on"]["level"] == _spec_level(threshold) and row["below"]["level"] != row["on"]["level"]
            table[f"{threshold} overdue={overdue} roas={roas} rejections={rejections}"] = row
    assert snapshot_json == table


def _assess(session, campaign, days_ago: timedelta, **kwargs):
    now = datetime.now(timezone.utc)
    given = dict(overdue_invoices=0, roas=1.5, rejections=0, delivered=True, approved_first_round=False, last_proposal_total=50000.0)
    given.update(kwargs)
    return retention.assess_retention(session, campaign, last_engagement_at=now - days_ago, **given)


def test_engagement_days_at_the_ninety_day_cap(legacy_session, snapshot_json):
    """L-29: the engagement factor grows to 0.35 at exactly 90 days and stays there; the clock's whole days count (1 us short is 89)."""
    campaign = create_client(legacy_session, ClientIntake(brand_name="Engaged"))
    horizon = spec.ENGAGEMENT_HORIZON_DAYS
    table = {}
    for name, ago in {
        "0": timedelta(0), "1": timedelta(days=1), "45": timedelta(days=45), "89": timedelta(days=horizon - 1),
        "90_less_1us": timedelta(days=horizon, microseconds=-1), "90": timedelta(days=horizon),
        "90_and_half_a_day": timedelta(days=horizon, hours=12), "91": timedelta(days=horizon + 1),
    }.items():
        result = _assess(legacy_session, campaign, ago, overdue_invoices=1)
        table[name] = {k: result[k] for k in ("days_since_engagement", "risk_score", "risk_level", "factors")}
        expected = spec.ENGAGEMENT_WEIGHT * min(result["days_since_engagement"] / horizon, 1)
        assert result["factors"]["engagement"] == round(expected, 4)
    assert table["90"]["risk_level"] == "high" and table["89"]["risk_level"] == "medium"
    assert snapshot_json == table


def test_the_other_factors_at_their_cut_offs(snapshot_json):
    """L-29: overdue > 0, ROAS < 1 (1.0 does not count, the float below it does), rejections > 0; negatives count as none."""
    table = {}
    for overdue in (-1, 0, 1, 7):
        table[f"overdue {overdue}"] = retention.renewal_risk(0, overdue, 1.0, 0)[2]["overdue"]
    for roas in (0.0, 0.99, math.nextafter(spec.LOW_ROAS_BELOW, 0), spec.LOW_ROAS_BELOW, math.nextafter(spec.LOW_ROAS_BELOW, 2), -1.0):
        table[f"roas {roas!r}"] = retention.renewal_risk(0, 0, roas, 0)[2]["roas"]
    for rejections in (-1, 0, 1, 3):
        table[f"rejections {rejections}"] = retention.renewal_risk(0, 0, 1.0, rejections)[2]["rejections"]
    assert table[f"roas {spec.LOW_ROAS_BELOW!r}"] == 0.0 and table[f"roas {math.nextafter(spec.LOW_ROAS_BELOW, 0)!r}"] == spec.LOW_ROAS_WEIGHT
    assert snapshot_json == table


def test_churn_at_exactly_one_hundred_and_twenty_days(legacy_session, snapshot_json):
    """L-30: 120 whole days is not churned, 121 is (even before a first delivery); 1 us short of 121 days is still 120."""
    campaign = create_client(legacy_session, ClientIntake(brand_name="Churning"))
    churn = spec.CHURN_AFTER_DAYS
    table = {}
    for (name, ago), delivered in itertools.product(
        {
            "119": timedelta(days=churn - 1), "120": timedelta(days=churn), "121_less_1us": timedelta(days=churn + 1, microseconds=-1),
            "121": timedelta(days=churn + 1), "121_and_a_half_second": timedelta(days=churn + 1, milliseconds=500),
        }.items(),
        (False, True),
    ):
        result = _assess(legacy_session, campaign, ago, delivered=delivered)
        assert (result["lifecycle_stage"] == "churned") == (result["days_since_engagement"] > churn)
        table[f"{name} delivered={delivered}"] = {k: result[k] for k in ("days_since_engagement", "risk_level", "lifecycle_stage")}
    assert snapshot_json == table


def test_the_stage_at_the_first_delivery_and_the_high_risk_cut(snapshot_json):
    """L-30: onboarding until delivered, then at_risk exactly when the level is high (score 0.6 exactly), active below it."""
    table = {}
    for delivered, (days, overdue) in itertools.product((False, True), ((89, 1), (90, 1), (0, 0))):
        score, level, _ = retention.renewal_risk(days, overdue, 1.0, 0)
        table[f"delivered={delivered} days={days} overdue={overdue}"] = {"score": repr(score), "stage": retention.lifecycle_stage(delivered, level, days)}
    for level in ("high", "High", "medium", "low", ""):
        table[f"level {level!r}"] = retention.lifecycle_stage(True, level, 0)
    assert snapshot_json == table


def test_upsell_at_roas_exactly_three(snapshot_json):
    """L-31: scale_budget from ROAS exactly 3 (not the float below, not 2.9999) at 25% of the last proposal; add_channel after one round."""
    table = {}
    roas_values = [math.nextafter(spec.SCALE_BUDGET_ROAS, 0), 2.9999, spec.SCALE_BUDGET_ROAS, math.nextafter(spec.SCALE_BUDGET_ROAS, 4), 10.0, math.inf]
    for roas, first_round in itertools.product(roas_values, (False, True)):
        offers = retention.upsell_opportunities(roas, first_round, 50000.0)
        assert any(o["kind"] == "scale_budget" for o in offers) == (roas >= spec.SCALE_BUDGET_ROAS)
        table[f"{roas!r} first_round={first_round}"] = offers
    for total in (0.0, 0.1, 33333.33, -100.0):
        table[f"proposal {total!r}"] = retention.upsell_opportunities(spec.SCALE_BUDGET_ROAS, False, total)
    assert table[f"{spec.SCALE_BUDGET_ROAS!r} first_round=False"] == [{"kind": "scale_budget", "value": 50000.0 * spec.SCALE_BUDGET_SHARE}]
    assert snapshot_json == table
