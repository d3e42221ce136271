"""StrategyDoc: the marketing plan (spec section 2)."""
from __future__ import annotations

from pydantic import BaseModel

PLACEHOLDERS = ["tbd", "n/a", "todo", "not specified", "lorem ipsum", "{{"]
MIN_SUMMARY_LENGTH = 50


class Pillar(BaseModel):
    name: str
    description: str
    kpi_impact: str


class Kpi(BaseModel):
    name: str
    target: str
    unit: str
    timeframe_days: int


class ChannelSplit(BaseModel):
    name: str
    budget_pct: int


class StrategyDoc(BaseModel):
    executive_summary: str
    situation_analysis: str
    strategy_narrative: str
    pillars: list[Pillar]
    kpis: list[Kpi]
    channels: list[ChannelSplit]
    timeline: str

    def _texts(self) -> list[tuple[str, str]]:
        texts = [
            ("executive_summary", self.executive_summary),
            ("situation_analysis", self.situation_analysis),
            ("strategy_narrative", self.strategy_narrative),
            ("timeline", self.timeline),
        ]
        for i, p in enumerate(self.pillars):
            texts += [
                (f"pillars[{i}].name", p.name),
                (f"pillars[{i}].description", p.description),
                (f"pillars[{i}].kpi_impact", p.kpi_impact),
            ]
        for i, k in enumerate(self.kpis):
            texts += [
                (f"kpis[{i}].name", k.name),
                (f"kpis[{i}].target", k.target),
                (f"kpis[{i}].unit", k.unit),
            ]
        for i, c in enumerate(self.channels):
            texts.append((f"channels[{i}].name", c.name))
        return texts

    def validation_errors(self) -> list[str]:
        errors = []
        if len(self.executive_summary) < MIN_SUMMARY_LENGTH:
            errors.append(
                f"executive_summary is {len(self.executive_summary)} characters "
                f"(minimum {MIN_SUMMARY_LENGTH})"
            )
        for field, text in self._texts():
            lowered = (text or "").lower()
            for placeholder in PLACEHOLDERS:
                if placeholder in lowered:
                    errors.append(f"{field} contains placeholder '{placeholder}'")
        return errors

    def is_valid(self) -> bool:
        return not self.validation_errors()

    def to_markdown(self, brand_name: str) -> str:
        lines = [f"# Marketing strategy: {brand_name}", "", "## Overview", ""]
        lines += [self.executive_summary, "", self.situation_analysis, ""]
        lines += ["## Strategy", "", self.strategy_narrative, ""]
        for i, p in enumerate(self.pillars, start=1):
            lines += [f"### Pillar {i}: {p.name}", "", p.description, "", f"KPI impact: {p.kpi_impact}", ""]
        lines += ["## KPIs", ""]
        for k in self.kpis:
            lines.append(f"- {k.name}: {k.target} {k.unit} in {k.timeframe_days} days")
        lines += ["", "## Channels", ""]
        for c in self.channels:
            lines.append(f"- {c.name}: {c.budget_pct}%")
        lines += ["", "## Timeline", "", self.timeline, ""]
        return "\n".join(lines)
