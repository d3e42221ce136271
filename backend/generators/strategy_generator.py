"""Strategy generation: the provider drafts, the generator enforces the plan's shape."""
from __future__ import annotations

import json
from typing import Any

from aicmo.domain import ChannelSplit, Kpi, Pillar, StrategyDoc
from backend.llm.client import get_llm_client

PILLAR_COUNT = 3
PADDED_KPI_IMPACT = "Increase qualified reach by 10%"

# L-06 (ours): channel budget split by primary goal
CHANNEL_SPLITS: dict[str, list[tuple[str, int]]] = {
    "awareness": [("social", 50), ("video", 30), ("search", 20)],
    "leads": [("search", 40), ("email", 30), ("social", 30)],
    "sales": [("search", 50), ("social", 30), ("email", 20)],
    "engagement": [("social", 60), ("email", 40)],
}
DEFAULT_SPLIT = [("social", 40), ("search", 30), ("email", 30)]

# 38 characters, so the fallback always fails the 50-character rule of L-07
FALLBACK_SUMMARY = "Strategy to be agreed with the client."


def channel_split(primary_goal: str) -> list[ChannelSplit]:
    pairs = CHANNEL_SPLITS.get((primary_goal or "").lower(), DEFAULT_SPLIT)
    return [ChannelSplit(name=n, budget_pct=p) for n, p in pairs]


def fit_pillars(raw: list[dict[str, Any]]) -> list[Pillar]:
    """L-05: exactly three pillars; extras are cut, missing ones padded."""
    pillars = [Pillar(**p) for p in raw[:PILLAR_COUNT]]
    while len(pillars) < PILLAR_COUNT:
        n = len(pillars) + 1
        pillars.append(
            Pillar(name=f"Growth Pillar {n}", description=f"Growth Pillar {n}", kpi_impact=PADDED_KPI_IMPACT)
        )
    return pillars


def fallback_plan(brief: dict[str, Any]) -> dict[str, Any]:
    return {
        "executive_summary": FALLBACK_SUMMARY,
        "situation_analysis": f"{brief['brand_name']} operates in {brief['industry']}.",
        "strategy_narrative": "Build awareness first, then convert interest into demand.",
        "pillars": [],
        "kpis": [{"name": "Qualified reach", "target": "1000", "unit": "people", "timeframe_days": 90}],
        "timeline": brief["timeline"],
    }


def build_prompt(brief: dict[str, Any]) -> str:
    return (
        f"Write a marketing strategy for {brief['brand_name']} ({brief['industry']}), "
        f"goal {brief['primary_goal']}, audience {brief['primary_customer']}, "
        f"timeline {brief['timeline']}. Answer as JSON."
    )


def generate_strategy(brief: dict[str, Any]) -> StrategyDoc:
    text = get_llm_client().complete("strategy", build_prompt(brief), {"brief": brief})
    try:
        plan = json.loads(text) if text else None
    except ValueError:
        plan = None
    if not isinstance(plan, dict) or not plan.get("executive_summary"):
        plan = fallback_plan(brief)
    try:
        return StrategyDoc(
            executive_summary=str(plan.get("executive_summary", "")),
            situation_analysis=str(plan.get("situation_analysis", "")),
            strategy_narrative=str(plan.get("strategy_narrative", "")),
            pillars=fit_pillars(list(plan.get("pillars") or [])),
            kpis=[Kpi(**k) for k in plan.get("kpis") or []],
            channels=channel_split(brief["primary_goal"]),
            timeline=str(plan.get("timeline", "")),
        )
    except (TypeError, ValueError):
        return generate_from_fallback(brief)


def generate_from_fallback(brief: dict[str, Any]) -> StrategyDoc:
    plan = fallback_plan(brief)
    return StrategyDoc(
        executive_summary=plan["executive_summary"],
        situation_analysis=plan["situation_analysis"],
        strategy_narrative=plan["strategy_narrative"],
        pillars=fit_pillars([]),
        kpis=[Kpi(**k) for k in plan["kpis"]],
        channels=channel_split(brief["primary_goal"]),
        timeline=plan["timeline"],
    )
