"""The legacy operator flow under its settings (AICMO_REVIEW_CHANGE_SHARE, AICMO_E2E_MODE, AICMO_OUTPUT_DIR) and inputs."""
from __future__ import annotations

import json
import random
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest
from pydantic import ValidationError

from aicmo.domain import ClientIntake
from aicmo.operator_services import approve_strategy, load_strategy, reject_strategy, run_acquisition, run_client_journey
from backend.services import reporting
from backend.services.delivery import DeliveryGateError
from backend.services.onboarding import create_client
from tests.characterization import corpus
from tests.characterization.db_effects import tables_written

# the file's evidence is client review's (the change share); tests that pin another module say so
pytestmark = [pytest.mark.aicmo_evidence(module="client_review", suite="characterization"), pytest.mark.legacy_internals("onboarding", "delivery", "reporting", "orchestration", "domain")]

client_review_evidence = pytest.mark.aicmo_evidence(module="client_review", suite="characterization")
delivery_evidence = pytest.mark.aicmo_evidence(module="delivery", suite="characterization")


@client_review_evidence
@pytest.mark.parametrize("share", ["0", "100"])
def test_one_or_two_review_rounds_in_a_journey(share, monkeypatch, db_effects, snapshot_json):
    """§12/L-20/L-31: share 0 approves in one round (add_channel offered); 100 asks two changes first (no add_channel)."""
    monkeypatch.setenv("AICMO_REVIEW_CHANGE_SHARE", share)
    # a brand the default share (25) sends through a round of changes
    summary, effects = db_effects(lambda: run_client_journey(corpus.intake("full_funnel_other_geography_canada"), out_dir="out"))
    kinds = [offer["kind"] for offer in summary["retention"]["upsell"]]
    assert ("add_channel" in kinds) == (share == "0")
    assert len(summary["review"]["rounds"]) == (1 if share == "0" else 2)
    assert snapshot_json == {"summary": summary, "tables": tables_written(effects)}


@client_review_evidence
def test_a_change_share_that_is_not_a_number_stops_the_journey_after_production(monkeypatch, memory_db, snapshot_json):
    """§12/Q-30: a non-integer share raises at the review step; the rows of the first two commits stay."""
    monkeypatch.setenv("AICMO_REVIEW_CHANGE_SHARE", "0.25")
    with pytest.raises(ValueError) as refused:
        run_client_journey(corpus.intake("complete_eu_full_funnel_leads"), out_dir="out")
    dump = memory_db.dump()
    assert snapshot_json == {"error": str(refused.value), "rows": {t: len(rows) for t, rows in dump.items()}, "campaigns": dump["cam_campaigns"]}


@delivery_evidence
@pytest.mark.parametrize("spelling", ["1", "true"])
def test_a_qc_failing_journey_under_e2e_spellings(spelling, monkeypatch, memory_db, snapshot_json):
    """L-22/Q-11/Q-24/Q-30: with "1" a QC-failing journey stops at the gate; with "true" it delivers and writes DELIVERED."""
    monkeypatch.setenv("AICMO_E2E_MODE", spelling)
    try:
        summary = run_client_journey(corpus.intake("alias_brand_audience_goal"), out_dir="out")
        outcome = {"states": summary["project_states"], "delivery": summary["delivery"], "campaign": summary["campaign"]}
    except DeliveryGateError as exc:
        outcome = {"error": str(exc), "rows": {t: len(rows) for t, rows in memory_db.dump().items()}}
    assert ("error" in outcome) == (spelling == "1")
    assert snapshot_json == outcome


@delivery_evidence
def test_a_qc_passing_journey_in_e2e_mode(monkeypatch, db_effects, snapshot_json):
    """L-22: an approved, QC_APPROVED journey passes the enforced gate and delivers without a skip."""
    monkeypatch.setenv("AICMO_E2E_MODE", "1")
    summary, effects = db_effects(lambda: run_client_journey(corpus.intake("complete_in_strategy_awareness"), out_dir="out"))
    assert summary["delivery"]["gate_skipped"] is False
    assert snapshot_json == {"delivery": summary["delivery"], "states": summary["project_states"], "tables": tables_written(effects)}


@delivery_evidence
@pytest.mark.parametrize("env, out_dir", [(None, None), ("exports/clients", None), ("exports/clients", "given")])
def test_where_a_journey_writes_its_archive(env, out_dir, monkeypatch, memory_db, snapshot_json):
    """L-21: the journey's out_dir, else AICMO_OUTPUT_DIR, else "out"."""
    if env is not None:
        monkeypatch.setenv("AICMO_OUTPUT_DIR", env)
    summary = run_client_journey(corpus.intake("quick_social_us_engagement"), out_dir=out_dir)
    assert snapshot_json == {k: summary["delivery"][k] for k in ("file_name", "path")}


@pytest.mark.aicmo_evidence(module="strategy", suite="characterization")
def test_approve_and_reject_in_turn_on_one_campaign(legacy_session, fixed_clock, snapshot_json):
    """L-08/Q-04: each approval and rejection stamps the description (fractional-second ISO time) and leaves project_state."""
    campaign = create_client(legacy_session, ClientIntake(brand_name="Stamped"))
    steps = []
    for action in ("approve", "reject", "approve"):
        fixed_clock.tick(0.123456)
        row = approve_strategy(legacy_session, campaign.id) if action == "approve" else reject_strategy(legacy_session, campaign.id, "tone is off ✗")
        steps.append({"action": action, "strategy_status": row.strategy_status, "description": row.description, "project_state": row.project_state})
    errors = {}
    for name, call in {"approve": lambda: approve_strategy(legacy_session, "missing"), "reject": lambda: reject_strategy(legacy_session, "", "x")}.items():
        with pytest.raises(LookupError) as missing:
            call()
        errors[name] = str(missing.value)
    assert snapshot_json == {"steps": steps, "errors": errors, "now": datetime.now(timezone.utc)}


@pytest.mark.aicmo_evidence(module="cam", suite="characterization")
def test_an_invalid_acquisition_campaign_writes_nothing(memory_db):
    """§12: run_acquisition validates the campaign file first; a bad one raises and leaves every table empty."""
    with pytest.raises(ValidationError):
        run_acquisition({"name": 3, "mode": "nonsense"}, corpus.leads()[:3], [])
    assert all(rows == [] for rows in memory_db.dump().values())


@pytest.mark.aicmo_evidence(module="strategy", suite="characterization")
def test_loading_the_strategy_of_a_campaign_row(legacy_session, snapshot_json):
    """L-05: a stored plan loads back; no text or empty text reads as "{}" and fails validation; broken JSON fails to parse."""
    campaign = create_client(legacy_session, ClientIntake(brand_name="Loaded"))
    table = {}
    for name, text in {"none": None, "empty": "", "empty_object": "{}", "broken": "{not json", "list": "[]"}.items():
        campaign.strategy_text = text
        with pytest.raises(ValueError) as failed:
            load_strategy(campaign)
        table[name] = {"error": type(failed.value).__name__, "first_line": str(failed.value).splitlines()[0]}
    assert snapshot_json == table


def test_every_row_a_journey_writes(memory_db, snapshot_json):
    """§12/§11: every column of every row a journey leaves (updated_at stamped at the end); the summary is plain JSON."""
    summary = run_client_journey(corpus.intake("complete_in_strategy_awareness"), out_dir="out")
    assert json.loads(json.dumps(summary)) == summary  # dates as ISO text, nothing a JSON reader cannot take
    dump = memory_db.dump()
    metrics = dump.pop("report_metrics")
    assert snapshot_json == {"rows": dump, "report_metrics": {"count": len(metrics), "first": metrics[:2]}}


class _StrongMonth(random.Random):
    """The simulator's random source with every uniform draw at 90% of its range: a month of strong days."""

    def uniform(self, a: float, b: float) -> float:
        return a + (b - a) * 0.9


@pytest.mark.aicmo_evidence(module="retention", suite="characterization")
def test_a_journey_with_a_strong_month_is_offered_a_bigger_budget(monkeypatch, memory_db, snapshot_json):
    """L-31/§12: a journey whose simulated month reaches ROAS >= 3 is offered scale_budget at 25% of the 50,000 proposal."""
    monkeypatch.setattr(reporting, "random", SimpleNamespace(Random=_StrongMonth))
    summary = run_client_journey(corpus.intake("complete_uk_strategy_sales"), out_dir="out")
    assert summary["report"]["overall"]["kpis"]["roas"] >= 3
    assert snapshot_json == {"report": summary["report"], "retention": summary["retention"]}
