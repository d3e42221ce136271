"""QC rounds as sequences on one project (L-18b, Q-09): fail, rewrite, pass; fail, rewrite, fail again.

Each project is built like the operator flow builds it, then QC runs, the failing creatives are
rewritten by the flow's own rewrite step, the calendar is rebuilt and QC runs again. What each
step writes to creative_assets (Q-09: score, status and issues; the rewrite: caption and
revision) is pinned per step, with each round's whole result.
"""
from __future__ import annotations

from typing import Any

import pytest

from aicmo import operator_services
from aicmo.domain import ClientIntake
from backend.llm.templates import TemplateProvider
from backend.services.onboarding import create_client
from backend.services.production import produce_calendar, produce_creatives
from backend.services.qc import evaluate_project
from backend.services.strategy import draft_strategy

pytestmark = [pytest.mark.aicmo_evidence(module="qc", suite="characterization"), pytest.mark.legacy_internals("onboarding", "strategy", "production", "qc", "orchestration", "domain")]

REQUEST = {
    "brand_name": "Harbour Lights", "website": "https://harbour-lights.example", "industry": "Bakery", "geography": "UK",
    "product_service": "Sourdough subscriptions", "offers": ["First loaf free"], "target_audiences": ["Office managers"],
    "pain_points": ["Stale bread"], "desired_outcomes": ["More subscriptions", "Repeat orders", "Office loyalty"],
    "primary_goal": "sales", "pack": "strategy_campaign",
}


def _caption_by_platform(prompt: str, context: dict[str, Any]) -> str:
    """Instagram captions carry a banned claim (BLOCKER), LinkedIn ones are too short, Twitter ones are clean."""
    name = context["pillar"]["name"]
    return {
        "Instagram": f"{name}: fresh sourdough, 100% guaranteed.",
        "LinkedIn": "Too short",
        "Twitter": f"{name}: sourdough delivered to your office before nine.",
    }[context["platform"]]


def _install(fake_providers: Any, rewrite: Any) -> None:
    """The template's strategy (real pillar names), captions by platform, the given rewrite answer."""
    fake_providers.llm.script("strategy", lambda prompt, context: TemplateProvider().complete("strategy", prompt, context))
    fake_providers.llm.script("caption", _caption_by_platform)
    fake_providers.llm.script("rewrite", rewrite)


def _rows(creatives: list[Any]) -> list[str]:
    return [f"{r.position} rev{r.revision} {r.qc_score} {r.qc_status} | {r.caption}" for r in creatives]


def _rounds(session: Any, db_effects: Any, request: dict[str, Any]) -> dict[str, Any]:
    intake = ClientIntake.from_request(request)
    brief = intake.to_brief()
    campaign = create_client(session, intake)
    strategy, _ = draft_strategy(brief)
    creatives = produce_creatives(session, campaign, brief, strategy)
    calendar = produce_calendar(intake.pack, strategy)
    steps: dict[str, Any] = {"produced": _rows(creatives)}
    first, steps["round 1 writes"] = db_effects(lambda: evaluate_project(session, intake, strategy, creatives, calendar), session)
    steps["round 1"] = first
    steps["after round 1"] = _rows(creatives)
    if first["verdict"] == "QC_FAILED":
        rewritten, steps["rewrite writes"] = db_effects(lambda: operator_services._rewrite_failing(brief, creatives, first), session)
        steps["rewritten positions"] = [r.position for r in creatives if r.id in rewritten]
        calendar = produce_calendar(intake.pack, strategy)
        second, steps["round 2 writes"] = db_effects(lambda: evaluate_project(session, intake, strategy, creatives, calendar), session)
        steps["round 2"] = second
        steps["after round 2"] = _rows(creatives)
    return steps


def test_fail_rewrite_pass(fake_providers, legacy_session, db_effects, snapshot_json):
    """L-18b: blocked captions fail round 1 (short ones were replaced at production, L-12); only they are rewritten; round 2 approves."""
    _install(fake_providers, lambda prompt, context: f"{context['pillar_name']}: baked fresh for {context['primary_customer']}.")
    steps = _rounds(legacy_session, db_effects, REQUEST)
    assert (steps["round 1"]["verdict"], steps["round 2"]["verdict"]) == ("QC_FAILED", "QC_APPROVED")
    assert snapshot_json == steps


def test_fail_rewrite_fail_again(fake_providers, legacy_session, db_effects, snapshot_json):
    """L-18b: a rewrite that keeps a banned claim fails again; the second verdict stands; Q-09 overwrites round 1."""
    _install(fake_providers, "Still risk-free and better than ever before.")
    steps = _rounds(legacy_session, db_effects, REQUEST)
    assert (steps["round 1"]["verdict"], steps["round 2"]["verdict"]) == ("QC_FAILED", "QC_FAILED")
    assert snapshot_json == steps


def test_a_short_rewrite_falls_back_and_passes(fake_providers, legacy_session, db_effects, snapshot_json):
    """L-18b/L-12: a rewrite under 20 characters becomes "<brand> — <pillar>. <cta>." and passes round 2."""
    _install(fake_providers, "Nope")
    steps = _rounds(legacy_session, db_effects, REQUEST)
    assert snapshot_json == {k: steps[k] for k in ("rewritten positions", "rewrite writes", "after round 2")} | {
        "verdicts": [steps["round 1"]["verdict"], steps["round 2"]["verdict"]],
    }


def test_a_calendar_failure_survives_the_rewrite(legacy_session, db_effects, snapshot_json):
    """L-18b/Q-06: a 30-day calendar always fails; nothing is rewritten and the rebuilt calendar fails again."""
    steps = _rounds(legacy_session, db_effects, REQUEST | {"pack": "quick_social"})
    assert steps["rewritten positions"] == []
    assert snapshot_json == {
        "verdicts": [steps["round 1"]["verdict"], steps["round 2"]["verdict"]],
        "calendar": [steps["round 1"]["calendar"], steps["round 2"]["calendar"]],
        "creatives passed": [[c["passed"] for c in steps[r]["creatives"]] for r in ("round 1", "round 2")],
        "rewrite writes": steps["rewrite writes"],
        "round 2 writes": steps["round 2 writes"],
    }


@pytest.mark.parametrize("rewrite", ["clean", "still blocked"])
def test_the_operator_flow_through_both_qc_rounds(rewrite, fake_providers, memory_db, snapshot_json):
    """L-09b/L-18b: the project states the flow records and the creatives it leaves, per rewrite outcome."""
    _install(fake_providers, "A calm note on fresh bread for offices." if rewrite == "clean" else "Guaranteed fresh, every single day.")
    summary = operator_services.run_client_journey(REQUEST, out_dir="out")
    assert snapshot_json == {
        "project_states": summary["project_states"],
        "verdicts": [r["verdict"] for r in summary["qc"]["rounds"]],
        "rewritten": summary["qc"]["rewritten_creative_ids"],
        "creatives": summary["creatives"],
        "campaign": summary["campaign"],
    }
