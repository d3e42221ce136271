"""Reporting (spec section 7): KPIs, top and weak channels, alerts, efficiency, attribution."""
from __future__ import annotations

import itertools

import pytest

from aicmo.domain import ClientIntake
from backend.services import reporting
from backend.services.onboarding import create_client
from tests.characterization import corpus

pytestmark = [pytest.mark.aicmo_evidence(module="reporting", suite="characterization"), pytest.mark.legacy_internals("onboarding", "reporting", "domain")]


def test_the_kpi_grid_with_zero_denominators(snapshot_json):
    """L-23: CTR, CVR, CPA, ROAS; a zero denominator gives 0."""
    table = {}
    for imp, clk, conv, spend, rev in itertools.product((0, 1000), (0, 50), (0, 5), (0.0, 100.0), (0.0, 250.0)):
        table[f"i{imp} c{clk} v{conv} s{spend} r{rev}"] = reporting.kpis(imp, clk, conv, spend, rev)
    assert snapshot_json == table


@pytest.mark.parametrize("series_id", sorted(corpus.metric_series()))
def test_the_report_of_each_metric_series(series_id, snapshot_json):
    """L-24 top/underperforming/alerts; Q-13: every change reads +11.1%, so falls never alert."""
    assert snapshot_json == reporting.build_report(corpus.metric_series()[series_id])


def test_alerts_when_a_real_fall_is_given(snapshot_json):
    """L-24: the alert rule itself fires on falls beyond -10% / -15% and on CPA above 50."""
    table = {}
    for conv, roas, cpa in itertools.product((-0.11, -0.10, 0.0), (-0.16, -0.15, 0.1), (50.0, 50.01)):
        alerts = reporting.alerts_for("ch", {"cpa": cpa}, {"conversions": conv, "roas": roas})
        table[f"conv{conv} roas{roas} cpa{cpa}"] = [a["reason"] for a in alerts]
    assert snapshot_json == table


def test_outreach_efficiency_grid(snapshot_json):
    """L-25: 0.3 delivery rate + 0.5 reply rate + 0.2 CTR."""
    table = {
        f"{d} {r} {c}": round(reporting.outreach_efficiency(d, r, c), 6)
        for d, r, c in itertools.product((0.0, 0.5, 1.0), (0.0, 0.25, 1.0), (0.0, 0.1, 1.0))
    }
    assert snapshot_json == table


def test_attribution_of_every_model(snapshot_json):
    """L-25: first, last, linear, time-decay (2^i) and position-based (40/20/40) credit."""
    journeys = [[], ["email"], ["email", "social"], ["email", "social", "search"], ["social", "email", "social", "search", "video"]]
    table = {
        f"{model} {'>'.join(touches) or '-'}": reporting.attribute(touches, 100.0, model)
        for model, touches in itertools.product(reporting.ATTRIBUTION_MODELS, journeys)
    }
    with pytest.raises(ValueError) as unknown:
        reporting.attribute(["email"], 1.0, "u_shaped")
    table["unknown model"] = str(unknown.value)
    assert snapshot_json == table


def test_the_simulated_report_and_what_it_writes(legacy_session, db_effects, snapshot_json):
    """Section 7: 30 simulated days per channel seeded by campaign id, and one snapshot row."""
    campaign = create_client(legacy_session, ClientIntake(brand_name="Reported"))
    report, effects = db_effects(lambda: reporting.generate_report(legacy_session, campaign, ["social", "search"]), legacy_session)
    assert snapshot_json == {
        "report": report,
        "tables": {t: {"inserted": len(e["inserted"]), "updated": e["updated"]} for t, e in effects.items()},
        "snapshot_row": effects["report_snapshots"]["inserted"],
        "first_metric_rows": effects["report_metrics"]["inserted"][:3],
    }


def test_a_report_without_channels(legacy_session, snapshot_json):
    """No channels: no metric rows, the period is today, every total zero."""
    campaign = create_client(legacy_session, ClientIntake(brand_name="Silent"))
    assert snapshot_json == reporting.generate_report(legacy_session, campaign, [])
