"""Reporting at its numeric edges: the underperforming cut, the alert thresholds, efficiency weights, attribution."""
from __future__ import annotations

import itertools
from types import SimpleNamespace

import pytest

from backend.services import reporting
from tests.characterization.spec_rules import reporting as spec

pytestmark = [pytest.mark.aicmo_evidence(module="reporting", suite="characterization"), pytest.mark.legacy_internals("reporting")]

CENT = 0.01


def test_the_spec_constants_are_legacy_constants():
    """L-24/L-25/Q-13/§12: the spec's factors, thresholds, days and models are legacy's constants."""
    assert reporting.UNDERPERFORMING_FACTOR == spec.UNDERPERFORMING_FACTOR
    assert reporting.CONVERSION_FALL_ALERT == spec.CONVERSION_FALL_ALERT
    assert reporting.ROAS_FALL_ALERT == spec.ROAS_FALL_ALERT
    assert reporting.CPA_ALERT == spec.CPA_ALERT
    assert reporting.PREVIOUS_PERIOD_FACTOR == spec.PREVIOUS_PERIOD_FACTOR
    assert reporting.REPORT_DAYS == spec.REPORT_DAYS
    assert reporting.ATTRIBUTION_MODELS == spec.ATTRIBUTION_MODELS


def _row(channel: str, spend: float, revenue: float, conversions: int = 10, clicks: int = 100, impressions: int = 1000):
    return SimpleNamespace(channel=channel, day="2026-01-01", impressions=impressions, clicks=clicks, conversions=conversions, spend=spend, revenue=revenue)


def _legacy_average_roas(rows) -> float:
    """The unrounded average ROAS, summed in legacy's order (first appearance of each channel)."""
    channels: dict[str, list] = {}
    for row in rows:
        channels.setdefault(row.channel, []).append(row)
    roas = [reporting.kpis(**reporting._totals(group))["roas"] for group in channels.values()]
    return sum(roas) / len(roas)


# The average ROAS is 1.0 (binary exact), so the cut 0.7 x 1.0 is the double nearest 0.7, which is
# also what 70.00 / 100.00 gives: the weakest channel lands ON the cut, asserted below.
AVERAGE = 1.0
SPEND = 100.0
ON_CUT_REVENUE = round(spec.UNDERPERFORMING_FACTOR * AVERAGE * SPEND, 2)


def _cut_cases() -> dict[str, list]:
    """Two- and four-channel sets whose weakest channel sits on the cut, a cent below it, a cent above it."""
    cases = {}
    for step_name, step in (("on", 0.0), ("cent_below", -CENT), ("cent_above", CENT)):
        weak = round(ON_CUT_REVENUE + step, 2)
        pair_partner = round((2 * AVERAGE - spec.UNDERPERFORMING_FACTOR * AVERAGE) * SPEND, 2)
        cases[f"two_channels {step_name}"] = [_row("alpha", SPEND, pair_partner), _row("gamma", SPEND, weak)]
        cases[f"four_channels {step_name}"] = [
            _row("alpha", SPEND, 160.0), _row("beta", SPEND, 140.0), _row("gamma", SPEND, weak), _row("delta", SPEND, 30.0),
        ]
    return cases


def test_underperforming_exactly_at_seven_tenths_of_the_average(snapshot_json):
    """L-24: ROAS exactly 0.7 x the average is NOT underperforming (strict <); a cent of revenue below is, a cent above is not."""
    table = {}
    for name, rows in _cut_cases().items():
        report = reporting.build_report(rows)
        gamma_roas = reporting.kpis(**reporting._totals([rows[-1] if name.startswith("two") else rows[2]]))["roas"]
        cut = spec.UNDERPERFORMING_FACTOR * _legacy_average_roas(rows)
        if name.endswith(" on"):
            assert gamma_roas == cut  # ON the boundary, exactly
        assert ("gamma" in report["underperforming_channels"]) == (gamma_roas < cut)
        table[name] = {k: report[k] for k in ("underperforming_channels", "top_channels", "average_roas")} | {"gamma_roas": gamma_roas, "cut": cut}
    assert snapshot_json == table


def test_the_top_two_and_their_tie_breaking(snapshot_json):
    """L-24: the two highest ROAS, ties broken by channel name (code-point order, so upper case first), never by row order."""
    cases = {
        "three_way_tie": [_row("zeta", 50.0, 100.0), _row("alpha", 50.0, 100.0), _row("mid", 50.0, 100.0)],
        "tie_for_second": [_row("b", 50.0, 100.0), _row("c", 50.0, 150.0), _row("a", 50.0, 100.0)],
        "tie_for_first_only": [_row("y", 50.0, 150.0), _row("x", 50.0, 150.0), _row("w", 50.0, 100.0)],
        "case_differs": [_row("social", 50.0, 100.0), _row("Social", 50.0, 100.0), _row("SOCIAL", 50.0, 100.0)],
        "unicode_names": [_row("écran", 50.0, 100.0), _row("zeta", 50.0, 100.0), _row("Ωmega", 50.0, 100.0)],
        "a_cent_apart": [_row("a", 100.0, 200.0), _row("b", 100.0, 200.01), _row("c", 100.0, 199.99)],
        "one_channel": [_row("solo", 50.0, 100.0)],
        "zero_spend_channels": [_row("free", 0.0, 100.0), _row("none", 0.0, 0.0), _row("paid", 10.0, 1.0)],
        "none": [],
    }
    table = {}
    for name, rows in cases.items():
        report = reporting.build_report(rows)
        assert reporting.build_report(list(reversed(rows)))["top_channels"] == report["top_channels"]
        assert len(report["top_channels"]) == min(spec.TOP_CHANNEL_COUNT, len({r.channel for r in rows}))
        table[name] = {k: report[k] for k in ("top_channels", "underperforming_channels", "average_roas")}
    assert snapshot_json == table


def _period(conversions: int, spend: float, revenue: float) -> dict[str, float]:
    """What build_report feeds alerts_for: the conversions and the KPIs of one period's totals."""
    metrics = reporting.kpis(1000, 100, conversions, spend, revenue)
    return {"conversions": float(conversions), **metrics}


def _change(current: dict[str, float], previous: dict[str, float]) -> dict[str, float]:
    """A real period-over-period change (Q-13 derives the previous period instead; here it is given)."""
    return {k: reporting._ratio(current[k] - previous[k], previous[k]) for k in current}


def test_alerts_at_exactly_the_fall_and_cpa_thresholds(snapshot_json):
    """L-24: conversions -10% and ROAS -15% exactly do not alert, one step further does; CPA exactly 50 does not, a cent above does."""
    base_conversions = 100
    on_fall = round(base_conversions * (1 + spec.CONVERSION_FALL_ALERT))  # 90 of 100
    conversion_steps = {"one_below": on_fall - 1, "exactly": on_fall, "one_above": on_fall + 1}
    previous_roas_revenue, spend = 2000.0, 100.0  # ROAS 20 falling to 17 is exactly -15% in binary
    on_roas = round(previous_roas_revenue * (1 + spec.ROAS_FALL_ALERT), 2)
    roas_steps = {"cent_below": round(on_roas - CENT, 2), "exactly": on_roas, "cent_above": round(on_roas + CENT, 2)}
    table = {}
    for (c_name, conv), (r_name, revenue) in itertools.product(conversion_steps.items(), roas_steps.items()):
        previous = _period(base_conversions, spend, previous_roas_revenue)
        current = _period(conv, spend, revenue)
        change = _change(current, previous)
        if c_name == "exactly":
            assert change["conversions"] == spec.CONVERSION_FALL_ALERT
        if r_name == "exactly":
            assert change["roas"] == spec.ROAS_FALL_ALERT
        alerts = reporting.alerts_for("ch", current, change)
        table[f"conversions {c_name} roas {r_name}"] = {"change": change, "alerts": alerts}
    on_cpa_spend = spec.CPA_ALERT * 10  # 10 conversions
    for name, cpa_spend in {"cent_below": round(on_cpa_spend - CENT, 2), "exactly": on_cpa_spend, "cent_above": round(on_cpa_spend + CENT, 2)}.items():
        current = _period(10, cpa_spend, 1000.0)
        if name == "exactly":
            assert current["cpa"] == spec.CPA_ALERT
        table[f"cpa {name}"] = reporting.alerts_for("ch", current, {"conversions": 0.0, "roas": 0.0})
    assert snapshot_json == table


def test_a_fifteen_percent_fall_that_binary_makes_larger(snapshot_json):
    """L-24: ROAS 2.0 -> 1.7 is -15% in decimals but -0.15000000000000002 in floats, so it alerts; 20 -> 17 does not."""
    table = {}
    for previous_revenue, current_revenue in [(200.0, 170.0), (2000.0, 1700.0), (400.0, 340.0)]:
        change = _change(_period(10, 100.0, current_revenue), _period(10, 100.0, previous_revenue))
        table[f"{previous_revenue} -> {current_revenue}"] = {
            "roas_change": repr(change["roas"]), "alerts": reporting.alerts_for("ch", _period(10, 100.0, current_revenue), change),
        }
    assert snapshot_json == table


def test_cpa_alerts_through_a_whole_report(snapshot_json):
    """L-24/Q-13: build_report alerts per channel and overall when CPA > 50 (exactly 50 does not); derived changes never alert."""
    table = {}
    on_cpa_spend = spec.CPA_ALERT * 10  # 10 conversions
    for name, spend in {"cent_below": round(on_cpa_spend - CENT, 2), "exactly": on_cpa_spend, "cent_above": round(on_cpa_spend + CENT, 2)}.items():
        rows = [_row("search", spend, 1000.0, conversions=10), _row("social", 100.0, 300.0, conversions=10)]
        report = reporting.build_report(rows)
        assert report["channels"]["search"]["kpis"]["cpa"] == round(spend / 10, 4)
        table[name] = {"alerts": report["alerts"], "search": report["channels"]["search"], "overall": report["overall"]}
    assert snapshot_json == table


def test_the_efficiency_weights(snapshot_json):
    """L-25: each unit input returns its weight exactly (0.3, 0.5, 0.2); all three at 1 give 1.0; steps of 0.1 on each."""
    weights = (spec.EFFICIENCY_DELIVERY_WEIGHT, spec.EFFICIENCY_REPLY_WEIGHT, spec.EFFICIENCY_CTR_WEIGHT)
    table = {}
    for unit in range(3):
        rates = [0.0, 0.0, 0.0]
        rates[unit] = 1.0
        assert reporting.outreach_efficiency(*rates) == weights[unit]
        table[f"unit {unit}"] = reporting.outreach_efficiency(*rates)
    for d, r, c in itertools.product((0.0, 0.1, 0.9, 1.0), repeat=3):
        table[f"{d} {r} {c}"] = repr(reporting.outreach_efficiency(d, r, c))
    assert snapshot_json == table


def _spec_weights(model: str, n: int) -> list[float]:
    """The spec's weights for n touches (L-25), to compare with what legacy credits."""
    if model == "first_touch":
        return [1.0] + [0.0] * (n - 1)
    if model == "last_touch":
        return [0.0] * (n - 1) + [1.0]
    if model == "linear":
        return [1.0 / n] * n
    if model == "time_decay":
        raw = [spec.TIME_DECAY_BASE**i for i in range(n)]
        return [w / sum(raw) for w in raw]
    if n == 1:
        return [1.0]
    if n == 2:
        return [0.5, 0.5]
    return [spec.POSITION_FIRST] + [spec.POSITION_MIDDLE / (n - 2)] * (n - 2) + [spec.POSITION_LAST]


def test_attribution_weights_for_one_to_six_distinct_touches(snapshot_json):
    """L-25: each model's credit for 1, 2, 3, 4, 5 and 6 distinct touches equals the spec's weights x 1000, rounded to cents."""
    table = {}
    for model, n in itertools.product(spec.ATTRIBUTION_MODELS, range(1, 7)):
        touches = [f"t{i}" for i in range(n)]
        credit = reporting.attribute(touches, 1000.0, model)
        assert credit == {t: round(1000.0 * w, 2) for t, w in zip(touches, _spec_weights(model, n))}
        table[f"{model} {n}"] = credit
    assert snapshot_json == table
