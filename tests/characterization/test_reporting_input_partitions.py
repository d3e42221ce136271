"""Reporting over its input space: zero denominators one at a time, odd rows and channels, touches, models, clocks."""
from __future__ import annotations

import itertools
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest

from aicmo.domain import ClientIntake
from backend.db.models import CampaignRow
from backend.services import reporting
from backend.services.onboarding import create_client

pytestmark = [pytest.mark.aicmo_evidence(module="reporting", suite="characterization"), pytest.mark.legacy_internals("onboarding", "reporting", "domain")]

FULL = {"impressions": 1000, "clicks": 50, "conversions": 5, "spend": 100.0, "revenue": 250.0}


def test_each_zero_denominator_alone(snapshot_json):
    """L-23: zero impressions, clicks, conversions or spend, one at a time and all at once, give 0 for that KPI only."""
    cases = {"none_zero": dict(FULL)}
    for key in ("impressions", "clicks", "conversions", "spend"):
        cases[f"{key}_zero"] = dict(FULL, **{key: 0})
    cases["all_zero"] = {k: 0 for k in FULL}
    table = {}
    for name, values in cases.items():
        metrics = reporting.kpis(**values)
        if name != "none_zero":
            assert all((metrics[k] == 0.0) for k, d in [("ctr", "impressions"), ("cvr", "clicks"), ("cpa", "conversions"), ("roas", "spend")] if values[d] == 0)
        table[name] = {k: repr(v) for k, v in metrics.items()}
    assert snapshot_json == table


def _row(channel="social", day="2026-01-01", impressions=1000, clicks=50, conversions=5, spend=100.0, revenue=250.0):
    return SimpleNamespace(channel=channel, day=day, impressions=impressions, clicks=clicks, conversions=conversions, spend=spend, revenue=revenue)


def test_reports_over_odd_metric_rows(snapshot_json):
    """L-23/L-24/Q-13: duplicate rows add up, row order is irrelevant, sub-cent and binary-inexact money is rounded in the totals."""
    cases = {
        "duplicate_rows": [_row(), _row()],
        "inexact_spend_sum": [_row(spend=0.1, revenue=0.3), _row(spend=0.2, revenue=0.3), _row(day="2026-01-02", spend=0.3, revenue=0.6)],
        "sub_cent_money": [_row(spend=0.005, revenue=0.015), _row(spend=1.005, revenue=2.675)],
        "half_cent_totals": [_row(spend=0.125, revenue=0.375)],
        "refund_negative_revenue": [_row(revenue=-40.0), _row(revenue=10.0)],
        "empty_channel_name": [_row(channel=""), _row(channel=" social ")],
        "large_numbers": [_row(impressions=10**9, clicks=10**7, conversions=10**5, spend=1e7, revenue=3.3e7)],
        "one_conversion": [_row(conversions=1, spend=50.005)],
    }
    table = {}
    for name, rows in cases.items():
        report = reporting.build_report(rows)
        assert reporting.build_report(list(reversed(rows))) == report
        table[name] = report
    assert snapshot_json == table


def test_derived_change_of_zero_and_inexact_values(snapshot_json):
    """Q-13: the previous period is 0.9 x current, so every non-zero value changes by +11.1% (to the float), zero by 0."""
    currents = {
        "zeros": {"conversions": 0.0, "ctr": 0.0, "cvr": 0.0, "cpa": 0.0, "roas": 0.0},
        "ones": {"conversions": 1.0, "ctr": 1.0, "cvr": 1.0, "cpa": 1.0, "roas": 1.0},
        "inexact": {"conversions": 3.0, "ctr": 0.1, "cvr": 0.3, "cpa": 33.333333, "roas": 2.675},
        "negative": {"conversions": 5.0, "ctr": 0.05, "cvr": 0.1, "cpa": 20.0, "roas": -0.6},
    }
    table = {name: {k: repr(v) for k, v in reporting.period_change(current).items()} for name, current in currents.items()}
    assert snapshot_json == table


def test_attribution_of_repeated_and_odd_touches(snapshot_json):
    """L-25: a repeated channel collects every weight of its touches (first appearance order); credit rounded to cents."""
    journeys = [["email", "email"], ["a", "b", "a"], ["a", "a", "a"], ["b", "a", "a", "b"], ["", "social"], ["émail", "sociål"]]
    values = [100.0, 0.0, 0.1, 100.0 / 3, 33.335, -50.0]
    table = {}
    for model, touches in itertools.product(reporting.ATTRIBUTION_MODELS, journeys):
        table[f"{model} {'>'.join(touches)}"] = reporting.attribute(touches, 100.0, model)
    for model, value in itertools.product(reporting.ATTRIBUTION_MODELS, values):
        table[f"{model} value {value!r}"] = reporting.attribute(["a", "b", "c"], value, model)
    for model in ["Linear", " linear", "LINEAR", "", "position-based", "time decay"]:
        with pytest.raises(ValueError) as unknown:
            reporting.attribute(["a"], 1.0, model)
        table[f"model {model!r}"] = str(unknown.value)
    table["no touches, unknown model"] = repr(pytest.raises(ValueError, reporting.attribute, [], 1.0, "nope").value)
    table["no touches, known model"] = reporting.attribute([], 1.0, "linear")
    assert snapshot_json == table


@pytest.mark.fixed_clock("2026-02-28T23:59:59.999999Z")
def test_a_simulated_report_of_odd_channel_lists(legacy_session, db_effects, snapshot_json):
    """§7: duplicated, empty and case-variant channels each get their own rows per day; every row written, pinned whole."""
    table = {}
    for channels in (["social", "social"], ["", "Social", "social"]):
        campaign = create_client(legacy_session, ClientIntake(brand_name="Channels " + "|".join(channels)))
        report, effects = db_effects(lambda c=campaign, ch=channels: reporting.generate_report(legacy_session, c, ch), legacy_session)
        assert len(effects["report_metrics"]["inserted"]) == reporting.REPORT_DAYS * len(channels)
        table["|".join(channels)] = {"report": report, "effects": effects}
    assert snapshot_json == table


# Found by searching small version-4 UUIDs: the first id's month draws, once, the random value just
# past the impressions range (which the simulator rejects and draws again); the second draws 8000.
EDGE_OF_RANGE_ID = "00000000-0000-4000-8000-0000000000fa"
TOP_OF_RANGE_ID = "00000000-0000-4000-8000-0000000003a9"


def test_the_simulator_at_the_top_of_its_impressions_range(legacy_session, snapshot_json):
    """§7: daily impressions are drawn from 1000 to 8000 inclusive, for campaigns whose draws reach the top of that range."""
    table = {}
    for campaign_id in (EDGE_OF_RANGE_ID, TOP_OF_RANGE_ID):
        campaign = CampaignRow(id=campaign_id, name="Top of range", created_at=datetime.now(timezone.utc))
        report = reporting.generate_report(legacy_session, campaign, ["search"])
        rows = reporting.simulate_metrics(legacy_session, campaign, ["search"])
        impressions = [row.impressions for row in rows]
        assert max(impressions) <= 8000 and min(impressions) >= 1000
        table[campaign_id] = {"report": report, "impressions": impressions}
    assert max(table[TOP_OF_RANGE_ID]["impressions"]) == 8000
    assert snapshot_json == table
