"""The plan's shape, whatever the provider answered: three pillars (L-05), the channel split (L-06), the fallback (Q-03)."""
from __future__ import annotations

from typing import Any, Mapping

from aicmo.strategy.internal.model import Channel, PlanPillar

__all__ = ["FALLBACK_SUMMARY", "PADDED_KPI_IMPACT", "PILLAR_COUNT", "channel_split", "fallback_plan", "padded_pillars"]

PILLAR_COUNT = 3
PADDED_KPI_IMPACT = "Increase qualified reach by 10%"

# L-06 (ours): channel budget split by primary goal
CHANNEL_SPLITS: Mapping[str, tuple[tuple[str, int], ...]] = {
    "awareness": (("social", 50), ("video", 30), ("search", 20)),
    "leads": (("search", 40), ("email", 30), ("social", 30)),
    "sales": (("search", 50), ("social", 30), ("email", 20)),
    "engagement": (("social", 60), ("email", 40)),
}
DEFAULT_SPLIT = (("social", 40), ("search", 30), ("email", 30))

# 38 characters, so the fallback always fails the 50-character rule of L-07
FALLBACK_SUMMARY = "Strategy to be agreed with the client."


def channel_split(primary_goal: str) -> tuple[Channel, ...]:
    return tuple(Channel(name, pct) for name, pct in CHANNEL_SPLITS.get((primary_goal or "").lower(), DEFAULT_SPLIT))


def padded_pillars(pillars: list[PlanPillar]) -> tuple[PlanPillar, ...]:
    """L-05: exactly three pillars; extras are cut, missing ones padded."""
    fitted = pillars[:PILLAR_COUNT]
    while len(fitted) < PILLAR_COUNT:
        n = len(fitted) + 1
        fitted.append(PlanPillar(name=f"Growth Pillar {n}", description=f"Growth Pillar {n}", kpi_impact=PADDED_KPI_IMPACT))
    return tuple(fitted)


def fallback_plan(brief: Mapping[str, Any]) -> dict[str, Any]:
    """The plan used when the provider gives nothing usable, as the provider's answer would be."""
    return {
        "executive_summary": FALLBACK_SUMMARY,
        "situation_analysis": f"{brief['brand_name']} operates in {brief['industry']}.",
        "strategy_narrative": "Build awareness first, then convert interest into demand.",
        "pillars": [],
        "kpis": [{"name": "Qualified reach", "target": "1000", "unit": "people", "timeframe_days": 90}],
        "timeline": brief["timeline"],
    }
