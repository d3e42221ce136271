"""Differential: the new strategy's rules give legacy's results over generated plans and provider answers.

Drafting (L-05, L-06, Q-03: what each provider answer becomes), validation (L-07) and the
markdown are run on both implementations with the same inputs; no divergence is declared.
"""
from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicmo.domain import StrategyDoc
from aicmo.strategy.internal.drafting import draft_plan
from aicmo.strategy.internal.model import Channel, Plan, PlanKpi, PlanPillar
from aicmo.strategy.internal.rules.markdown import plan_markdown
from aicmo.strategy.internal.rules.shape import CHANNEL_SPLITS, DEFAULT_SPLIT, FALLBACK_SUMMARY, PADDED_KPI_IMPACT
from aicmo.strategy.internal.rules.validation import MIN_SUMMARY_LENGTH, PLACEHOLDERS, validation_errors
from backend.generators import strategy_generator
from backend.llm.client import LLMClient, get_llm_client, set_llm_client

pytestmark = pytest.mark.legacy_internals("strategy", "domain")

RULES = settings(max_examples=300, derandomize=True, database=None, deadline=None)
# texts built from the rules' own vocabulary, so placeholders and the summary's length are hit often
pieces = st.sampled_from(["TBD", "n/a", "ToDo", "Not Specified", "lorem ipsum", "{{", "{", "plan", "É", " ", "x" * 20])
texts = st.one_of(st.lists(pieces, max_size=8).map("".join), st.text(max_size=60))
pillars = st.builds(PlanPillar, texts, texts, texts)
kpis = st.builds(PlanKpi, texts, texts, texts, st.integers(0, 400))
channels = st.builds(Channel, texts, st.integers(0, 100))
plans = st.builds(Plan, texts, texts, texts, st.lists(pillars, max_size=4).map(tuple), st.lists(kpis, max_size=3).map(tuple),
                  st.lists(channels, max_size=3).map(tuple), texts)


def legacy_doc(plan: Plan) -> StrategyDoc:
    return StrategyDoc.model_validate(attrs.asdict(plan))


def test_the_constants_are_legacy_s():
    """The placeholder list, the summary minimum, the splits, the padding and the fallback summary."""
    from aicmo.domain import strategy as legacy_strategy

    assert (list(PLACEHOLDERS), MIN_SUMMARY_LENGTH) == (legacy_strategy.PLACEHOLDERS, legacy_strategy.MIN_SUMMARY_LENGTH)
    assert {goal: list(split) for goal, split in CHANNEL_SPLITS.items()} == strategy_generator.CHANNEL_SPLITS
    assert (list(DEFAULT_SPLIT), PADDED_KPI_IMPACT, FALLBACK_SUMMARY) == (
        strategy_generator.DEFAULT_SPLIT, strategy_generator.PADDED_KPI_IMPACT, strategy_generator.FALLBACK_SUMMARY)


@RULES
@given(plan=plans)
def test_validation_errors_equal_legacy(plan):
    """Same messages, same order as StrategyDoc.validation_errors."""
    assert legacy_doc(plan).validation_errors() == validation_errors(plan)


@RULES
@given(plan=plans, brand=texts)
def test_markdown_equals_legacy(plan, brand):
    """The strategy.md byte for byte as StrategyDoc.to_markdown."""
    assert legacy_doc(plan).to_markdown(brand) == plan_markdown(plan, brand)


# provider answers: plans with fields of every shape legacy meets, and answers that are no plan at all
json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-5, 2000), st.floats(allow_nan=False), texts),
                           lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(texts, inner, max_size=3)),
                           max_leaves=6)
field_values = st.one_of(texts, st.just("90"), st.just(90), st.just(90.0), st.just(90.5), json_values)


def _valid(keys: tuple[str, ...]):
    """Well-formed entries: texts, and a number of days for timeframe_days."""
    return st.fixed_dictionaries({k: st.one_of(st.integers(0, 400), st.just("90")) if k == "timeframe_days" else texts
                                  for k in keys})


def _entries(keys: tuple[str, ...]):
    """Mostly well-formed entries, and every odd shape besides."""
    valid = _valid(keys)
    odd = st.one_of(st.fixed_dictionaries({k: field_values for k in keys}), valid.map(lambda d: {**d, "extra": 1}),
                    st.dictionaries(st.sampled_from(keys), field_values), json_values)
    return st.one_of(valid, valid, valid, odd)


summaries = st.one_of(texts.filter(bool), st.text(min_size=50, max_size=80), json_values)
provider_plans = st.fixed_dictionaries(
    {"executive_summary": summaries},
    optional={
        "situation_analysis": field_values, "strategy_narrative": field_values, "timeline": field_values,
        "pillars": st.one_of(st.lists(_valid(("name", "description", "kpi_impact")), max_size=5),
                             st.lists(_valid(("name", "description", "kpi_impact")), max_size=5),
                             st.lists(_entries(("name", "description", "kpi_impact")), max_size=5), json_values),
        "kpis": st.one_of(st.lists(_valid(("name", "target", "unit", "timeframe_days")), max_size=3),
                             st.lists(_valid(("name", "target", "unit", "timeframe_days")), max_size=3),
                             st.lists(_entries(("name", "target", "unit", "timeframe_days")), max_size=3), json_values),
    },
)
answers = st.one_of(provider_plans.map(json.dumps), provider_plans.map(json.dumps), provider_plans.map(json.dumps),
                    json_values.map(json.dumps), texts)
briefs = st.fixed_dictionaries({
    "brand_name": texts, "industry": texts, "primary_customer": texts, "timeline": texts,
    "primary_goal": st.one_of(st.sampled_from(["awareness", "Leads", "SALES", "engagement", "other", ""]), texts),
})


class _Recorder:
    """A provider (legacy's side) or a text generator (the new side): answers `answer`, keeps what it was asked."""

    name = "recorder"

    def __init__(self, answer: str) -> None:
        self.answer, self.asked = answer, []

    def complete(self, task: str, prompt: str, context: Any) -> str:
        self.asked.append((task, prompt, json.dumps(dict(context), sort_keys=True)))
        return self.answer


@RULES
@given(answer=answers, brief=briefs)
def test_drafting_equals_legacy(answer, brief):
    """The provider is asked the same, and every answer becomes the plan legacy's generator makes of it."""
    provider, generator = _Recorder(answer), _Recorder(answer)
    before = get_llm_client()
    set_llm_client(LLMClient([provider]))
    try:
        legacy = strategy_generator.generate_strategy(brief)
    finally:
        set_llm_client(before)
    # the LLM client answers "" for an empty answer, as the text generator port does
    plan = draft_plan(brief, generator)
    assert provider.asked == generator.asked
    assert legacy.model_dump() == json.loads(json.dumps(attrs.asdict(plan)))
