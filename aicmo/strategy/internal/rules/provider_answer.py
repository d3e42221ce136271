"""The provider's answer read as legacy reads it: lax pydantic fields, TypeError/ValueError meaning "unusable".

Pillars and KPIs are read with the same field types legacy's models have (so "90" is a number
of days but 1000 is not a target), because what legacy refuses sends the plan to its fallback.
"""
from __future__ import annotations

import json
from typing import Any, Optional

from pydantic import BaseModel

from aicmo.strategy.internal.model import PlanKpi, PlanPillar

__all__ = ["answer_plan", "read_kpis", "read_pillars"]


class _ProviderPillar(BaseModel):
    name: str
    description: str
    kpi_impact: str


class _ProviderKpi(BaseModel):
    name: str
    target: str
    unit: str
    timeframe_days: int


def answer_plan(text: str) -> Optional[dict[str, Any]]:
    """The answer as a plan, or None when it is not a JSON object with a summary."""
    try:
        plan = json.loads(text) if text else None
    except ValueError:
        return None
    if not isinstance(plan, dict) or not plan.get("executive_summary"):
        return None
    return plan


def read_pillars(raw: Any) -> list[PlanPillar]:
    """At most the first three pillars (the rest are cut unread); TypeError/ValueError when one is malformed."""
    pillars = [_ProviderPillar(**p) for p in list(raw or [])[:3]]
    return [PlanPillar(p.name, p.description, p.kpi_impact) for p in pillars]


def read_kpis(raw: Any) -> list[PlanKpi]:
    kpis = [_ProviderKpi(**k) for k in raw or []]
    return [PlanKpi(k.name, k.target, k.unit, k.timeframe_days) for k in kpis]
