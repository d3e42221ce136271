"""Strategy input partitions (spec section 2): provider answers, briefs, the provider chain, the text.

Q-03 says any unusable answer falls back to the fixed plan; these tests pin which answers are
"unusable" (silent, blank, malformed, wrong shapes) and what a usable-but-odd answer becomes.
The full strategy document text (to_markdown) is pinned whole for the template provider over
briefs at their edges.
"""
from __future__ import annotations

import json
import re
from typing import Any

import pytest

from aicmo.domain import ClientIntake
from backend.generators import strategy_generator
from backend.llm import client as llm_client
from backend.llm.client import LLMClient, get_llm_client, set_llm_client
from backend.llm.templates import TemplateProvider
from backend.services.strategy import draft_strategy, strategy_status_for
from tests.characterization.spec_rules import strategy as spec

pytestmark = [pytest.mark.aicmo_evidence(module="strategy", suite="characterization"), pytest.mark.legacy_internals("strategy", "domain")]

LONG_SUMMARY = "A plan that reaches office managers with fresh sourdough every single week."
KPI = {"name": "Subscriptions", "target": "250", "unit": "subscribers", "timeframe_days": 60}


def _brief(**changes: Any) -> dict[str, Any]:
    request = {
        "brand_name": "Harbour Lights Bakery", "website": "https://harbour-lights.example", "industry": "Artisan Bakery",
        "geography": "UK", "product_service": "Sourdough Subscriptions", "offers": ["First loaf free", "Office boxes"],
        "target_audiences": ["Office managers", "Young families"], "pain_points": ["Stale bread", "No time to bake"],
        "desired_outcomes": ["more subscriptions", "Repeat orders"], "primary_goal": "sales", "timeline": "60 days",
    }
    return ClientIntake.from_request(request | changes).to_brief()


def _plan(**fields: Any) -> str:
    return json.dumps({"executive_summary": LONG_SUMMARY} | fields)


def _drafted() -> dict[str, Any]:
    strategy, errors = draft_strategy(_brief())
    return {"strategy": strategy, "errors": errors, "status": strategy_status_for(errors)}


def test_what_each_provider_answer_becomes(fake_providers, snapshot_json):
    """Q-03: silent, blank, malformed or summary-less answers give the fallback; odd fields go through str() (null -> "None")."""
    answers = {
        "empty": "",
        "spaces": "   ",
        "newlines and tabs": "\n\t\n",
        "truncated json": '{"executive_summary": "' + LONG_SUMMARY,
        "json null": "null",
        "json true": "true",
        "json number": "42",
        "json text": json.dumps(LONG_SUMMARY),
        "json list of a plan": json.dumps([{"executive_summary": LONG_SUMMARY}]),
        "empty object": "{}",
        "null summary": _plan(executive_summary=None),
        "empty summary": _plan(executive_summary=""),
        "whitespace summary": _plan(executive_summary="   "),
        "numeric summary": _plan(executive_summary=12345),
        "list summary": _plan(executive_summary=["a", "b"]),
        "only a summary": _plan(),
        "null fields": _plan(situation_analysis=None, strategy_narrative=None, timeline=None),
        "numeric fields": _plan(situation_analysis=1, strategy_narrative=2.5, timeline=90),
        "padded and cased summary": _plan(executive_summary="   " + LONG_SUMMARY.upper() + "   "),
        "unicode summary": _plan(executive_summary="Brød & Café — " + "☕" * 40),
        "byte order mark": "\ufeff" + _plan(),
        "nan": "NaN",
        "kpis null": _plan(kpis=None),
        "kpis as text": _plan(kpis="Subscriptions"),
        "kpis as an object": _plan(kpis=KPI),
        "kpi days as text": _plan(kpis=[KPI | {"timeframe_days": "30"}]),
        "kpi days fractional": _plan(kpis=[KPI | {"timeframe_days": 30.0}]),
        "kpi days not a number": _plan(kpis=[KPI | {"timeframe_days": "thirty"}]),
        "kpi target as a number": _plan(kpis=[KPI | {"target": 250}]),
        "kpi missing unit": _plan(kpis=[{k: v for k, v in KPI.items() if k != "unit"}]),
        "duplicate kpis": _plan(kpis=[KPI, KPI]),
        "extra top-level keys": _plan(channels=[{"name": "tv", "budget_pct": 100}], owner="Ana"),
        "a placeholder in an extra key": _plan(notes="TBD"),
    }
    table = {}
    for name, answer in answers.items():
        fake_providers.llm.script("strategy", answer)
        table[name] = _drafted()
    fake_providers.llm.silence("strategy")
    table["silent provider"] = _drafted()
    fake_providers.llm.fail("strategy")
    table["failing provider"] = _drafted()
    fallback = table["empty"]["strategy"].executive_summary
    assert len(fallback) == spec.FALLBACK_SUMMARY_LENGTH < spec.MIN_SUMMARY_LENGTH
    assert snapshot_json == table


def test_the_prompt_names_the_brief(fake_providers, snapshot_json):
    """L-05/Q-03: the strategy prompt names brand, industry, goal, customer and timeline as given; the context is the brief."""
    briefs = {
        "base": _brief(),
        "defaults": _brief(industry=None, primary_goal="other", target_audiences=[], timeline=None),
        "padded and unicode": _brief(brand_name="  Brød & Café ", industry=" Bäckerei ", primary_customer="Büro-Teams"),
    }
    contexts: list[Any] = []
    fake_providers.llm.script("strategy", lambda prompt, context: contexts.append(context) or "")
    for brief in briefs.values():
        draft_strategy(brief)
    assert [c["brief"] for c in contexts] == list(briefs.values())
    assert snapshot_json == {"calls": [c.args for c in fake_providers.llm.calls], "context_keys": [sorted(c) for c in contexts]}


def test_the_provider_chain(fake_providers, monkeypatch, caplog, snapshot_json):
    """Q-03: the first non-empty answer wins; a provider that raises (logged) or answers nothing passes to the next."""
    template = TemplateProvider()

    class Answering:
        name = "answering"

        def complete(self, task: str, prompt: str, context: dict[str, Any]) -> str:
            return f"{task}: {prompt} ({sorted(context)})"

    class Unnamed:
        def complete(self, task: str, prompt: str, context: dict[str, Any]) -> str:
            raise RuntimeError("no name")

    class NoneAnswer:
        name = "none"

        def complete(self, task: str, prompt: str, context: dict[str, Any]) -> Any:
            return None

    caplog.set_level("WARNING", logger=llm_client.__name__)
    fake = fake_providers.llm
    fake.fail("failing")
    fake.silence("silent")
    chains = {
        "fake answers first": [fake, Answering()],
        "failing fake, then the next": [fake, Answering()],
        "silent fake, then the next": [fake, Answering()],
        "unnamed provider raising, then the next": [Unnamed(), Answering()],
        "a None answer, then the next": [NoneAnswer(), Answering()],
        "only failing": [fake],
        "template for an unknown task": [template],
        "no providers means the template": [],
    }
    tasks = {
        "fake answers first": "caption", "failing fake, then the next": "failing",
        "silent fake, then the next": "silent", "unnamed provider raising, then the next": "caption",
        "a None answer, then the next": "caption", "only failing": "failing",
        "template for an unknown task": "summary", "no providers means the template": "rewrite",
    }
    context = {"brand_name": "Harbour", "primary_customer": "Offices", "pillar_name": "Fresh Bread", "cta": "Learn more"}
    table = {}
    for name, providers in chains.items():
        client = LLMClient(providers)
        table[name] = {
            "providers": [getattr(p, "name", type(p).__name__) for p in client.providers],
            "answer": client.complete(tasks[name], "Prompt", context if tasks[name] == "rewrite" else None),
        }
    monkeypatch.setattr(llm_client, "_client", None)
    first = get_llm_client()
    table["the default client is created once"] = [first is get_llm_client(), [p.name for p in first.providers]]
    set_llm_client(LLMClient([Answering()]))
    table["a set client is used"] = get_llm_client().complete("caption", "P", {"a": 1})
    set_llm_client(None)
    table["clearing the client brings the template back"] = [p.name for p in get_llm_client().providers]
    table["fake calls"] = [(c.args["task"], c.outcome) for c in fake.calls]
    # a provider error is logged, naming the provider (or the provider object's class), the task and the error
    table["log"] = [
        (r.name, r.levelname, re.sub(r" at 0x[0-9a-f]+", "", r.getMessage()))  # the object's address varies
        for r in caplog.records if r.name == llm_client.__name__
    ]
    assert snapshot_json == table


def test_the_template_strategy_of_briefs_at_their_edges(snapshot_json):
    """L-05 pillars from outcomes (cycled pains, "" names; the summary counts outcomes, not pillars), L-06, L-07; whole text."""
    briefs = {
        "base": _brief(),
        "one outcome, no pains": _brief(desired_outcomes=["Loyal regulars"], pain_points=[]),
        "four outcomes, one pain": _brief(desired_outcomes=["a", "B", "c", "D"], pain_points=["Cold loaves"]),
        "duplicate outcomes and pains": _brief(desired_outcomes=["Repeat orders", "Repeat orders"], pain_points=["Stale", "Stale"]),
        "empty strings in every list": _brief(desired_outcomes=["", "x"], pain_points=["", ""], offers=["", ""]),
        "no offers, no outcomes, no pains": _brief(offers=[], desired_outcomes=[], pain_points=[]),
        "one offer": _brief(offers=["Only offer"]),
        "three offers": _brief(offers=["One", "Two", "Three"]),
        "no geography": _brief(geography=None),
        "padded and cased": _brief(brand_name=" HARBOUR ", industry="  BAKERY ", product_service=" SOURDOUGH ", timeline=" 2 Weeks "),
        "unicode": _brief(brand_name="Brød & Café ☕", desired_outcomes=["ölige Brote", "東京"], pain_points=["Ärger"]),
        "placeholder outcome": _brief(desired_outcomes=["TBD growth"]),
        "other goal": _brief(primary_goal="other"),
    }
    table = {}
    for name, brief in briefs.items():
        strategy, errors = draft_strategy(brief)
        table[name] = {"errors": errors, "markdown": strategy.to_markdown(brief["brand_name"]), "channels": strategy.channels}
    assert snapshot_json == table


def test_the_fallback_document_text(snapshot_json):
    """Q-03: the whole fallback plan as a document, for a base brief and a brief of defaults."""
    table = {}
    for name, brief in {"base": _brief(), "defaults": ClientIntake.from_request({}).to_brief()}.items():
        doc = strategy_generator.generate_from_fallback(brief)
        table[name] = {"markdown": doc.to_markdown(brief["brand_name"]), "errors": doc.validation_errors()}
    assert snapshot_json == table
