"""The plan as the delivered strategy.md, line for line as legacy renders it."""
from __future__ import annotations

from aicmo.strategy.internal.model import Plan

__all__ = ["plan_markdown"]


def plan_markdown(plan: Plan, brand_name: str) -> str:
    lines = [f"# Marketing strategy: {brand_name}", "", "## Overview", "",
             plan.executive_summary, "", plan.situation_analysis, "",
             "## Strategy", "", plan.strategy_narrative, ""]
    for number, pillar in enumerate(plan.pillars, start=1):
        lines += [f"### Pillar {number}: {pillar.name}", "", pillar.description, "", f"KPI impact: {pillar.kpi_impact}", ""]
    lines += ["## KPIs", ""]
    lines += [f"- {k.name}: {k.target} {k.unit} in {k.timeframe_days} days" for k in plan.kpis]
    lines += ["", "## Channels", ""]
    lines += [f"- {c.name}: {c.budget_pct}%" for c in plan.channels]
    lines += ["", "## Timeline", "", plan.timeline, ""]
    return "\n".join(lines)
