"""Strategy boundaries (spec section 2): pillar count, channel split, summary length, placeholders.

Every grid is built from the spec's numbers in spec_rules/strategy.py, so a changed legacy
constant or comparison moves a case to the other side of its boundary and the snapshot shows it.
"""
from __future__ import annotations

import json
from typing import Any

import pytest

from aicmo.domain import ChannelSplit, Kpi, Pillar, StrategyDoc
from aicmo.domain import strategy as strategy_module
from backend.generators import strategy_generator
from backend.services.strategy import draft_strategy, strategy_status_for
from tests.characterization.spec_rules import strategy as spec

pytestmark = [pytest.mark.aicmo_evidence(module="strategy", suite="characterization"), pytest.mark.legacy_internals("strategy", "domain")]

BRIEF = {
    "brand_name": "Harbour Lights Bakery", "website": "https://harbour-lights.example", "industry": "Artisan bakery",
    "geography": "UK", "product_service": "Sourdough subscriptions", "offers": ["First loaf free"],
    "target_audiences": ["Office managers"], "primary_customer": "Office managers", "pain_points": ["Stale bread"],
    "desired_outcomes": ["More subscriptions"], "primary_goal": "sales", "timeline": "60 days", "budget": "",
    "constraints": "", "must_include": "", "do_not_do": "", "pack": "strategy_campaign", "contact_email": "",
}
VALID_SUMMARY = "Harbour Lights grows sourdough subscriptions among office managers in the UK."


def _valid_doc(**changes: Any) -> StrategyDoc:
    """A plan that passes L-07, with the given fields replaced."""
    doc = StrategyDoc(
        executive_summary=VALID_SUMMARY,
        situation_analysis="Offices buy bread in supermarkets.",
        strategy_narrative="Lead with freshness, then convert offices.",
        pillars=[Pillar(name=f"Pillar {i}", description=f"Description {i}", kpi_impact=f"Lift {i}") for i in range(1, 4)],
        kpis=[Kpi(name="Subscriptions", target="250", unit="subscribers", timeframe_days=60)],
        channels=strategy_generator.channel_split("sales"),
        timeline="Launch in week one.",
    )
    assert doc.is_valid()
    return doc.model_copy(update=changes)


def _verdict(doc: StrategyDoc) -> dict[str, Any]:
    errors = doc.validation_errors()
    return {"errors": errors, "valid": doc.is_valid(), "status": strategy_status_for(errors)}


def test_the_spec_constants_are_legacy_constants():
    """L-05/L-06/L-07/Q-03: pillar count, padding KPI, splits, summary minimum, placeholders, fallback length."""
    assert strategy_generator.PILLAR_COUNT == spec.PILLAR_COUNT
    assert strategy_generator.PADDED_KPI_IMPACT == spec.PADDED_KPI_IMPACT
    assert strategy_generator.CHANNEL_SPLITS == spec.CHANNEL_SPLITS
    assert strategy_generator.DEFAULT_SPLIT == spec.DEFAULT_SPLIT
    assert strategy_module.MIN_SUMMARY_LENGTH == spec.MIN_SUMMARY_LENGTH
    assert strategy_module.PLACEHOLDERS == [p.lower() for p in spec.PLACEHOLDERS]
    assert len(strategy_generator.FALLBACK_SUMMARY) == spec.FALLBACK_SUMMARY_LENGTH


def test_the_summary_length_boundary(snapshot_json):
    """L-07: a summary of exactly the minimum passes, one less fails; code points are counted, whitespace-only passes."""
    minimum = spec.MIN_SUMMARY_LENGTH
    summaries = {
        "empty": "",
        "one": "S",
        "minimum-1": "S" * (minimum - 1),
        "minimum": "S" * minimum,
        "minimum+1": "S" * (minimum + 1),
        "fallback_length": "S" * spec.FALLBACK_SUMMARY_LENGTH,
        "minimum-1 plus one accented letter": "S" * (minimum - 1) + "é",
        "minimum emoji": "☕" * minimum,
        "minimum-1 emoji": "☕" * (minimum - 1),
        "combining accents, minimum code points": "e\u0301" * (minimum // 2),
        "padded to the minimum with spaces": " " * 5 + "S" * (minimum - 10) + " " * 5,
        "whitespace only, minimum": " " * minimum,
        "minimum-1 plus a newline": "S" * (minimum - 1) + "\n",
    }
    for name in ("minimum", "minimum emoji", "combining accents, minimum code points", "padded to the minimum with spaces"):
        assert len(summaries[name]) == minimum  # these sit exactly on the boundary
    assert snapshot_json == {name: _verdict(_valid_doc(executive_summary=s)) for name, s in summaries.items()}


def _placeholder_variants(placeholder: str) -> dict[str, str]:
    lower = placeholder.lower()
    return {
        "as_written": f"Budget is {placeholder} for now",
        "lower": f"budget is {lower}",
        "upper": f"BUDGET IS {placeholder.upper()}",
        "mixed": "budget is " + "".join(c.upper() if i % 2 else c for i, c in enumerate(lower)),
        "alone": placeholder,
        "padded": f"   {placeholder}   ",
        "inside_a_word": f"x{lower}x",
        "twice": f"{placeholder} and {placeholder}",
        "split_by_newline": lower.replace(" ", "\n") if " " in lower else lower[:1] + "\n" + lower[1:],
        "double_space": lower.replace(" ", "  ") if " " in lower else lower[:1] + " " + lower[1:],
    }


def test_each_placeholder_in_every_case_and_position(snapshot_json):
    """L-07: each placeholder, case-insensitive and as a substring (inside words too), once per field."""
    table = {
        placeholder: {name: _verdict(_valid_doc(situation_analysis=text)) for name, text in _placeholder_variants(placeholder).items()}
        for placeholder in spec.PLACEHOLDERS
    }
    real_words = {
        "mastodon": "Our mascot is a mastodon.",
        "sun/air": "Sun/Air drying of the loaves.",
        "dolorem ipsumque": "Neque porro quisquam est qui dolorem ipsumque.",
        "cannot specified": "Flour cannot specified by weight.",
        "triple brace": "Template {{{name}}}",
        "single brace": "Template {name}",
        "n / a spaced": "n / a",
        "t.b.d.": "T.B.D.",
    }
    table["real words"] = {name: _verdict(_valid_doc(situation_analysis=text)) for name, text in real_words.items()}
    assert snapshot_json == table


def _doc_with_text_in(field: str, text: str) -> StrategyDoc:
    doc = _valid_doc()
    if "[" not in field:
        return doc.model_copy(update={field: text})
    collection, rest = field.split("[")
    index, attribute = int(rest[0]), rest.split(".")[1]
    items = [item.model_copy() for item in getattr(doc, collection)]
    items[index] = items[index].model_copy(update={attribute: text})
    return doc.model_copy(update={collection: items})


def test_a_placeholder_in_each_field(snapshot_json):
    """L-07: every text field is checked (summary, analysis, narrative, timeline, pillars, KPIs, channels)."""
    fields = ["executive_summary", "situation_analysis", "strategy_narrative", "timeline"]
    fields += [f"pillars[{i}].{a}" for i in range(spec.PILLAR_COUNT) for a in ("name", "description", "kpi_impact")]
    fields += ["kpis[0].name", "kpis[0].target", "kpis[0].unit"]
    fields += [f"channels[{i}].name" for i in range(3)]
    table = {}
    for field in fields:
        text = VALID_SUMMARY + " TBD" if field == "executive_summary" else "TBD"
        table[field] = _verdict(_doc_with_text_in(field, text))
    assert snapshot_json == table


def test_several_problems_at_once(snapshot_json):
    """L-07: every error is listed, in field order then placeholder order; a short summary comes first."""
    all_six = " ".join(spec.PLACEHOLDERS)
    cases = {
        "all six in one field": _valid_doc(strategy_narrative=all_six),
        "all six reversed in one field": _valid_doc(strategy_narrative=" ".join(reversed(spec.PLACEHOLDERS))),
        "short summary with a placeholder": _valid_doc(executive_summary="TBD"),
        "short summary and placeholders elsewhere": _valid_doc(executive_summary="Too short.", timeline="n/a", situation_analysis="Todo"),
        "one placeholder in every top-level field": _valid_doc(
            executive_summary=VALID_SUMMARY + " {{brand}}", situation_analysis="lorem ipsum",
            strategy_narrative="Not Specified", timeline="tbd",
        ),
        "no kpis and no channels": _valid_doc(kpis=[], channels=[]),
        "no pillars": _valid_doc(pillars=[]),
        "a channel named n/a": _valid_doc(channels=[ChannelSplit(name="n/a", budget_pct=100)]),
    }
    assert snapshot_json == {name: _verdict(doc) for name, doc in cases.items()}


def test_the_channel_split_of_every_goal_in_every_case(snapshot_json):
    """L-06: the split is looked up lower-cased but not stripped; anything else gets the default split."""
    goals: dict[str, Any] = {"none": None, "empty": "", "other": "other", "growth": "Growth", "unknown": "retention"}
    for goal in spec.CHANNEL_SPLITS:
        goals |= {
            goal: goal, f"{goal} upper": goal.upper(), f"{goal} title": goal.title(), f"{goal} padded": f" {goal} ",
            f"{goal} trailing newline": f"{goal}\n",
        }
    table = {name: [(c.name, c.budget_pct) for c in strategy_generator.channel_split(goal)] for name, goal in goals.items()}
    for goal, pairs in spec.CHANNEL_SPLITS.items():
        assert table[goal] == table[f"{goal} upper"] == table[f"{goal} title"] == pairs
        assert table[f"{goal} padded"] == spec.DEFAULT_SPLIT
        assert sum(p for _, p in pairs) == 100
    assert snapshot_json == table


def _raw_pillar(i: int, **changes: Any) -> dict[str, Any]:
    return {"name": f"Pillar {i}", "description": f"Description {i}", "kpi_impact": f"Lift {i}"} | changes


def _plan(pillars: Any) -> str:
    return json.dumps({
        "executive_summary": VALID_SUMMARY, "situation_analysis": "Offices buy bread.",
        "strategy_narrative": "Freshness first.", "pillars": pillars,
        "kpis": [{"name": "Subscriptions", "target": "250", "unit": "subscribers", "timeframe_days": 60}],
        "timeline": "Week one.",
    })


def test_the_pillar_count_through_the_provider(fake_providers, snapshot_json):
    """L-05: 0..count+2 provider pillars become exactly three, cut or padded "Growth Pillar N"; bad ones fall back."""
    counts = sorted({0, 1, spec.PILLAR_COUNT - 1, spec.PILLAR_COUNT, spec.PILLAR_COUNT + 1, spec.PILLAR_COUNT + 2})
    answers = {f"{n} pillars": _plan([_raw_pillar(i) for i in range(1, n + 1)]) for n in counts}
    answers |= {
        "null pillars": _plan(None),
        "pillars as an object": _plan({"name": "Only", "description": "One", "kpi_impact": "x"}),
        "pillars as text": _plan("Pillar 1"),
        "duplicate pillars": _plan([_raw_pillar(1), _raw_pillar(1), _raw_pillar(2)]),
        "empty fields": _plan([_raw_pillar(1, name="", description="", kpi_impact="")]),
        "a pillar without kpi_impact": _plan([{"name": "N", "description": "D"}]),
        "a null description": _plan([_raw_pillar(1, description=None)]),
        "a numeric name": _plan([_raw_pillar(1, name=7)]),
        "extra keys": _plan([_raw_pillar(1, owner="Ana", budget=5)]),
        "a bad fourth pillar is cut before it is read": _plan([_raw_pillar(1), _raw_pillar(2), _raw_pillar(3), {"name": "broken"}]),
        "padding after one named like a padded pillar": _plan([_raw_pillar(1, name="Growth Pillar 2")]),
    }
    table = {}
    for name, answer in answers.items():
        fake_providers.llm.script("strategy", answer)
        strategy, errors = draft_strategy(BRIEF)
        assert len(strategy.pillars) == spec.PILLAR_COUNT
        table[name] = {"pillars": strategy.pillars, "summary": strategy.executive_summary, "errors": errors}
    padded = table["1 pillars"]["pillars"]
    assert [p.name for p in padded[1:]] == [spec.PADDED_PILLAR_NAME.format(n=n) for n in (2, 3)]
    assert {p.kpi_impact for p in padded[1:]} == {spec.PADDED_KPI_IMPACT}
    assert snapshot_json == table
