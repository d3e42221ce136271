"""Reporting (spec section 7: L-23..L-25, Q-13, attribution)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from backend.db.models import ReportMetricRow, ReportSnapshotRow
from backend.services.reporting import (
    alerts_for,
    attribute,
    build_report,
    generate_report,
    kpis,
    outreach_efficiency,
    period_change,
)

pytestmark = [pytest.mark.usefixtures("legacy_env"), pytest.mark.legacy_internals("reporting")]


def _row(channel, impressions, clicks, conversions, spend, revenue):
    return SimpleNamespace(
        channel=channel, impressions=impressions, clicks=clicks, conversions=conversions, spend=spend, revenue=revenue
    )


def _channels_with_roas(**roas):
    """One row per channel, spend 100, revenue 100·ROAS, CPA 10."""
    return [_row(name, 1000, 100, 10, 100.0, 100.0 * r) for name, r in roas.items()]


# --- L-23 -------------------------------------------------------------------------------


def test_l23_kpis():
    """CTR = clicks/impressions, CVR = conversions/clicks, CPA = spend/conversions, ROAS = revenue/spend."""
    assert {"ctr": 0.05, "cvr": 0.1, "cpa": 20.0, "roas": 3.0} == kpis(1000, 50, 5, 100.0, 300.0)


def test_l23_zero_denominators_give_zero():
    """Every ratio with a zero denominator is 0."""
    assert {"ctr": 0.0, "cvr": 0.0, "cpa": 0.0, "roas": 0.0} == kpis(0, 0, 0, 0.0, 50.0)


# --- L-24 -------------------------------------------------------------------------------


def test_l24_top_channels_are_the_two_with_the_highest_roas():
    """With ROAS search 4, social 2, email 3, video 1 the top channels are search and email."""
    report = build_report(_channels_with_roas(search=4, social=2, email=3, video=1))
    assert ["search", "email"] == report["top_channels"]


def test_l24_underperforming_is_roas_below_0_7_of_the_average():
    """Average ROAS 2.5: below 1.75 underperforms (video 1); social 2 does not."""
    report = build_report(_channels_with_roas(search=4, social=2, email=3, video=1))
    assert (2.5, ["video"]) == (report["average_roas"], report["underperforming_channels"])


def test_l24_conversion_fall_over_10_percent_is_critical():
    """Conversions −11% raise a critical alert; −10% does not."""
    current = {"cpa": 10.0}
    fell = alerts_for("search", current, {"conversions": -0.11, "roas": 0.0})
    held = alerts_for("search", current, {"conversions": -0.10, "roas": 0.0})
    assert ([("critical", "conversions fell more than 10%")], []) == ([(a["level"], a["reason"]) for a in fell], held)


def test_l24_roas_fall_over_15_percent_is_critical():
    """ROAS −16% raises a critical alert; −15% does not."""
    current = {"cpa": 10.0}
    fell = alerts_for("search", current, {"conversions": 0.0, "roas": -0.16})
    held = alerts_for("search", current, {"conversions": 0.0, "roas": -0.15})
    assert ([("critical", "ROAS fell more than 15%")], []) == ([(a["level"], a["reason"]) for a in fell], held)


def test_l24_cpa_over_50_is_critical():
    """CPA 50.01 raises a critical alert; CPA 50 does not."""
    change = {"conversions": 0.0, "roas": 0.0}
    assert ["critical"] == [a["level"] for a in alerts_for("email", {"cpa": 50.01}, change)]
    assert [] == alerts_for("email", {"cpa": 50.0}, change)


def test_l24_high_cpa_channel_alerts_in_the_report():
    """A channel with spend 600 for 10 conversions (CPA 60) gets a critical alert in the report."""
    rows = [_row("search", 1000, 100, 10, 600.0, 1200.0), _row("email", 1000, 100, 10, 100.0, 300.0)]
    report = build_report(rows)
    assert [("search", "critical")] == [(a["scope"], a["level"]) for a in report["alerts"] if a["scope"] != "overall"]


# --- Q-13 -------------------------------------------------------------------------------


def test_q13_previous_period_is_0_9_of_current_so_every_change_is_plus_11_1_percent():
    """Every metric's change reads +11.1%."""
    change = period_change({"conversions": 40.0, "ctr": 0.03, "cvr": 0.07, "cpa": 12.0, "roas": 0.4})
    assert {k: 0.1111 for k in change} == {k: round(v, 4) for k, v in change.items()}


def test_q13_no_fall_alert_ever_fires():
    """Even a collapsing channel (ROAS 0.1) gets no conversion or ROAS fall alert."""
    report = build_report(_channels_with_roas(search=0.1, email=0.2))
    assert [] == report["alerts"]
    assert {"conversions": 0.1111, "ctr": 0.1111, "cvr": 0.1111, "cpa": 0.1111, "roas": 0.1111} == report["overall"]["change"]


@freeze_time("2026-01-15T10:00:00Z")
def test_q13_generated_report_reads_plus_11_1_percent(make_project):
    """The simulated 30-day report (seeded by campaign id) reads +11.1% on every channel and stores a snapshot."""
    project = make_project()
    report = generate_report(project.session, project.campaign, ["search", "social", "email"])
    assert {0.1111} == {v for ch in report["channels"].values() for v in ch["change"].values()}
    assert {"start": "2025-12-16", "end": "2026-01-14"} == report["period"]
    assert 90 == project.session.scalar(select(func.count()).select_from(ReportMetricRow))
    assert 1 == project.session.scalar(select(func.count()).select_from(ReportSnapshotRow))


# --- L-25 -------------------------------------------------------------------------------


def test_l25_outreach_efficiency():
    """0.3·delivery_rate + 0.5·reply_rate + 0.2·CTR: (0.9, 0.1, 0.05) → 0.33."""
    assert pytest.approx(0.33) == outreach_efficiency(0.9, 0.1, 0.05)


@pytest.mark.parametrize(
    "model, expected",
    [
        ("first_touch", {"email": 700.0, "search": 0.0, "social": 0.0}),
        ("last_touch", {"email": 0.0, "search": 0.0, "social": 700.0}),
        ("linear", {"email": 233.33, "search": 233.33, "social": 233.33}),
        ("time_decay", {"email": 100.0, "search": 200.0, "social": 400.0}),
        ("position_based", {"email": 280.0, "search": 140.0, "social": 280.0}),
    ],
)
def test_l25_attribution_models(model, expected):
    """Three touches, value 700: time-decay weights 1:2:4, position-based 40/20/40."""
    assert expected == attribute(["email", "search", "social"], 700.0, model)


def test_l25_position_based_splits_the_middle_20_percent():
    """Four touches, value 1000: 400, 100, 100, 400."""
    assert {"a": 400.0, "b": 100.0, "c": 100.0, "d": 400.0} == attribute(["a", "b", "c", "d"], 1000.0, "position_based")


def test_l25_time_decay_weight_doubles_per_touch():
    """Four touches, value 1500: weights 1:2:4:8 → 100, 200, 400, 800."""
    assert {"a": 100.0, "b": 200.0, "c": 400.0, "d": 800.0} == attribute(["a", "b", "c", "d"], 1500.0, "time_decay")


def test_l25_unknown_attribution_model_is_refused():
    """Only the five models exist."""
    with pytest.raises(ValueError):
        attribute(["email"], 1.0, "data_driven")
