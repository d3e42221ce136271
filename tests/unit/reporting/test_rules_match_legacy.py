"""Differential: reporting's KPI, alert and attribution rules and its simulator against legacy's, on random inputs.

Every figure must be the very same float (compared by repr, so -0.0 and rounding artefacts
count too), every alert, top and underperforming channel the same in the same order; and the
simulator, seeded by the client id, must give legacy's rows draw for draw. No difference is
allowed: the rules are reproduced, not approximated.
"""
from __future__ import annotations

import datetime as dt
import unittest.mock
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicmo.reporting.internal import rules
from aicmo.reporting.internal.simulator import simulate
from backend.services import reporting as legacy

pytestmark = pytest.mark.legacy_internals("reporting")

RULES = settings(max_examples=300, derandomize=True, database=None, deadline=None)
CHANNELS = ["search", "social", "email", "display", "Search", "video"]

counts = st.integers(min_value=0, max_value=50_000)
# legacy's floats: cents, and the odd float sum with a binary tail (0.1 + 0.2)
money = st.one_of(st.integers(min_value=0, max_value=5_000_000).map(lambda c: c / 100),
                  st.floats(min_value=0, max_value=10_000, allow_nan=False, allow_infinity=False))
day_rows = st.lists(
    st.builds(rules.DayRow, channel=st.sampled_from(CHANNELS), day=st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 31)),
              impressions=counts, clicks=counts, conversions=st.integers(min_value=0, max_value=3_000),
              spend=money, revenue=money),
    max_size=40,
)


def _plain(value):
    """Every float by repr, so equal means the same bits (but for the sign of zero, which repr shows too)."""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _as_legacy(figures: rules.ReportFigures) -> dict:
    scope = lambda s: {"totals": s.totals, "kpis": s.kpis, "change": s.change}  # noqa: E731
    return {
        "channels": {name: scope(s) for name, s in figures.channels},
        "overall": scope(figures.overall),
        "top_channels": list(figures.top_channels),
        "underperforming_channels": list(figures.underperforming_channels),
        "average_roas": figures.average_roas,
        "alerts": list(figures.alerts),
    }


@RULES
@given(day_rows)
def test_the_report_s_figures_are_legacy_s_to_the_bit(rows):
    legacy_rows = [SimpleNamespace(**{f: getattr(r, f) for f in ("channel", "day", "impressions", "clicks",
                                                                 "conversions", "spend", "revenue")}) for r in rows]
    assert _plain(_as_legacy(rules.figures(rows))) == _plain(legacy.build_report(legacy_rows))


@RULES
@given(st.fixed_dictionaries({"conversions": st.floats(0, 1e6), "ctr": st.floats(0, 1), "cvr": st.floats(0, 1),
                              "cpa": st.floats(0, 500), "roas": st.floats(0, 20)}),
       st.fixed_dictionaries({k: st.floats(-2, 2) for k in ("conversions", "ctr", "cvr", "cpa", "roas")}))
def test_the_alerts_and_the_period_change_are_legacy_s(current, change):
    """L-24's thresholds, hit on both sides, and Q-13's derived change."""
    assert rules.alerts_for("overall", current, change) == legacy.alerts_for("overall", current, change)
    assert _plain(rules.period_change(current)) == _plain(legacy.period_change(current))


@RULES
@given(st.lists(st.sampled_from(CHANNELS), max_size=8), money,
       st.sampled_from(["first_touch", "last_touch", "linear", "time_decay", "position_based"]))
def test_attribution_is_legacy_s(touches, value, model):
    assert _plain(rules.attribute(touches, value, model)) == _plain(legacy.attribute(touches, value, model))


@RULES
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1))
def test_outreach_efficiency_is_legacy_s(delivery_rate, reply_rate, ctr):
    assert repr(rules.outreach_efficiency(delivery_rate, reply_rate, ctr)) == repr(legacy.outreach_efficiency(delivery_rate, reply_rate, ctr))


class _Rows:
    """What legacy's simulate_metrics asks of a session: somewhere to add rows."""

    def add(self, row) -> None:
        pass

    def flush(self) -> None:
        pass


@settings(max_examples=40, derandomize=True, database=None, deadline=None)
@given(st.uuids().map(str), st.lists(st.sampled_from(CHANNELS), max_size=4), st.dates(dt.date(2025, 1, 1), dt.date(2027, 1, 1)))
def test_the_simulator_draws_legacy_s_rows(client_id, channels, today):
    """Seeded by the client id, the same rows in the same order (legacy reads date.today(), pinned here)."""
    with unittest.mock.patch.object(legacy, "date", SimpleNamespace(today=lambda: today)):
        expected = legacy.simulate_metrics(_Rows(), SimpleNamespace(id=client_id), channels)
    fields = ("channel", "day", "impressions", "clicks", "conversions", "spend", "revenue")
    assert [tuple(_plain(getattr(r, f)) for f in fields) for r in simulate(client_id, channels, today)] == \
           [tuple(_plain(getattr(r, f)) for f in fields) for r in expected]


def test_a_rule_changed_is_caught():
    """The comparison can fail: a threshold moved by a hair gives another alert on the grid's edge."""
    current = {"conversions": 1.0, "ctr": 0.1, "cvr": 0.1, "cpa": 50.000001, "roas": 1.0}
    change = {k: 0.0 for k in current}
    moved = legacy.alerts_for("overall", current, change)
    original, rules.CPA_ALERT = rules.CPA_ALERT, 50.1
    try:
        assert rules.alerts_for("overall", current, change) != moved
    finally:
        rules.CPA_ALERT = original


def _row(channel: str, spend: float, revenue: float, conversions: int) -> rules.DayRow:
    return rules.DayRow(channel=channel, day=dt.date(2026, 1, 1), impressions=1000, clicks=100,
                        conversions=conversions, spend=spend, revenue=revenue)


@RULES
@given(st.integers(min_value=4_500, max_value=6_000), st.integers(min_value=1, max_value=10),
       st.integers(min_value=-300, max_value=300))
def test_the_thresholds_are_legacy_s_where_they_are_hit(low_revenue_cents, conversions, cpa_cents):
    """Two channels, one's ROAS around 0.7 of their average (0.5385 of the other's), the CPA around 50 a conversion."""
    rows = [_row("search", 100.0, 100.0, conversions), _row("social", 100.0, low_revenue_cents / 100, conversions),
            _row("email", (5_000 * conversions + cpa_cents) / 100, 100.0, conversions)]
    legacy_rows = [SimpleNamespace(**{f: getattr(r, f) for f in ("channel", "day", "impressions", "clicks",
                                                                 "conversions", "spend", "revenue")}) for r in rows]
    assert _plain(_as_legacy(rules.figures(rows))) == _plain(legacy.build_report(legacy_rows))
