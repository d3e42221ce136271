"""Strategy's domain model: the plan (L-05), the decisions on it (L-08) and the strategy that holds both."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

import attrs

from aicmo.strategy.api import StrategyDecisionKind, StrategyStatus

__all__ = ["Channel", "Decision", "Plan", "PlanKpi", "PlanPillar", "StrategyRecord"]


@attrs.frozen
class PlanPillar:
    name: str
    description: str
    kpi_impact: str


@attrs.frozen
class PlanKpi:
    name: str
    target: str
    unit: str
    timeframe_days: int


@attrs.frozen
class Channel:
    """A channel and its percent of the budget (L-06)."""

    name: str
    budget_pct: int


@attrs.frozen
class Plan:
    """The marketing plan, in legacy's field order (the order of its validation messages and markdown)."""

    executive_summary: str
    situation_analysis: str
    strategy_narrative: str
    pillars: tuple[PlanPillar, ...]
    kpis: tuple[PlanKpi, ...]
    channels: tuple[Channel, ...]
    timeline: str


@attrs.frozen
class Decision:
    """An operator's approval or rejection; the note is the stamp onboarding adds to the project."""

    kind: StrategyDecisionKind
    reason: Optional[str]
    decided_at: datetime
    project_note: str


@attrs.frozen
class StrategyRecord:
    """A client's strategy as strategy keeps it.

    `revision` counts the changes; `previous_status` and `previous_plan` are what it held
    before the last one (None before the first draft): the legacy view still holding them
    means the view's sync after that change was lost.
    """

    strategy_id: str
    client_id: str
    project_name: str
    brief: dict
    plan: Plan
    status: StrategyStatus
    previous_status: Optional[StrategyStatus]
    previous_plan: Optional[Plan]
    revision: int
    decisions: tuple[Decision, ...]
    created_at: datetime

    def changed(self, **changes: Any) -> "StrategyRecord":
        """The record after one change: what it held becomes the previous state, and the revision moves on."""
        return attrs.evolve(self, previous_status=self.status, previous_plan=self.plan, revision=self.revision + 1, **changes)
