"""Drafting the plan: the text generator is asked as legacy asks its LLM client, the answer shaped by the rules."""
from __future__ import annotations

from typing import Any, Mapping

from aicmo.shared.text_generation import TextGenerator
from aicmo.strategy.internal.model import Plan
from aicmo.strategy.internal.rules.provider_answer import answer_plan, read_kpis, read_pillars
from aicmo.strategy.internal.rules.shape import channel_split, fallback_plan, padded_pillars

__all__ = ["TASK", "build_prompt", "draft_plan"]

TASK = "strategy"


def build_prompt(brief: Mapping[str, Any]) -> str:
    return (
        f"Write a marketing strategy for {brief['brand_name']} ({brief['industry']}), "
        f"goal {brief['primary_goal']}, audience {brief['primary_customer']}, "
        f"timeline {brief['timeline']}. Answer as JSON."
    )


def _plan(answer: Mapping[str, Any], brief: Mapping[str, Any]) -> Plan:
    return Plan(
        executive_summary=str(answer.get("executive_summary", "")),
        situation_analysis=str(answer.get("situation_analysis", "")),
        strategy_narrative=str(answer.get("strategy_narrative", "")),
        pillars=padded_pillars(read_pillars(answer.get("pillars"))),
        kpis=tuple(read_kpis(answer.get("kpis"))),
        channels=channel_split(brief["primary_goal"]),
        timeline=str(answer.get("timeline", "")),
    )


def draft_plan(brief: Mapping[str, Any], generator: TextGenerator) -> Plan:
    """The provider's plan, or the fallback (Q-03) when its answer is unusable or malformed."""
    answer = answer_plan(generator.complete(TASK, build_prompt(brief), {"brief": brief}))
    if answer is not None:
        try:
            return _plan(answer, brief)
        except (TypeError, ValueError):
            pass
    return _plan(fallback_plan(brief), brief)
