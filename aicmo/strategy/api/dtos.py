"""Strategy's data at the boundary: the plan, its validation and the decisions on it (spec §2)."""
from __future__ import annotations

from enum import Enum
from typing import Optional

from pydantic import AwareDatetime, Field

from aicmo.onboarding.api import ClientBrief
from aicmo.shared.dto import ContractModel
from aicmo.shared.ids import ClientId, EntityId

__all__ = [
    "ChannelSplit",
    "Kpi",
    "Pillar",
    "Strategy",
    "StrategyDecision",
    "StrategyDecisionKind",
    "StrategyDocument",
    "StrategyId",
    "StrategyMarkdown",
    "StrategyStatus",
    "StrategyValidation",
]


class StrategyId(EntityId):
    """One strategy drafted for a client."""


class StrategyStatus(str, Enum):
    """Where the plan stands: a plan failing validation is stored REJECTED (L-07)."""

    DRAFT = "DRAFT"
    REJECTED = "REJECTED"
    APPROVED = "APPROVED"


class StrategyDecisionKind(str, Enum):
    """An operator's decision on a plan."""

    APPROVED = "approved"
    REJECTED = "rejected"


class Pillar(ContractModel):
    """One of the plan's three content pillars."""

    name: str
    """The pillar's name."""
    description: str
    """What the pillar says."""
    kpi_impact: str
    """The KPI line the pillar moves."""


class Kpi(ContractModel):
    """A target the plan commits to."""

    name: str
    """What is measured."""
    target: str
    """The target value as written, e.g. "10000"."""
    unit: str
    """The unit, e.g. "people"."""
    timeframe_days: int = Field(ge=0)
    """Days to reach the target."""


class ChannelSplit(ContractModel):
    """A channel and its share of the budget (L-06)."""

    name: str
    """The channel, e.g. "search"."""
    budget_pct: int = Field(ge=0, le=100)
    """Percent of the budget."""


class StrategyDocument(ContractModel):
    """The marketing plan (L-05): exactly three pillars."""

    executive_summary: str
    """The summary; at least 50 characters to pass validation."""
    situation_analysis: str
    """Where the client stands."""
    strategy_narrative: str
    """How the plan wins."""
    pillars: tuple[Pillar, ...] = Field(min_length=3, max_length=3)
    """The three pillars."""
    kpis: tuple[Kpi, ...]
    """The targets."""
    channels: tuple[ChannelSplit, ...]
    """The budget split by channel."""
    timeline: str
    """The plan's phases."""


class StrategyValidation(ContractModel):
    """The outcome of validating a plan (L-07)."""

    errors: tuple[str, ...]
    """One message per problem (short summary, placeholder found), in legacy wording."""
    valid: bool
    """True when there is no error."""


class StrategyDecision(ContractModel):
    """An approval or rejection of a plan (L-08)."""

    decision: StrategyDecisionKind
    """Approved or rejected."""
    reason: Optional[str] = None
    """Why it was rejected; None for an approval."""
    decided_at: AwareDatetime
    """When."""
    project_note: str
    """The stamp the decision adds to the project description, e.g. "[Approved: <ISO time>]"."""


class Strategy(ContractModel):
    """A client's plan with its brief, validation and status."""

    strategy_id: StrategyId
    """This strategy."""
    client_id: ClientId
    """The client it is for."""
    brief: ClientBrief
    """The brief it was drafted from; production reads brand, pack and goal from it."""
    document: StrategyDocument
    """The plan."""
    validation_errors: tuple[str, ...]
    """Validation problems found when it was drafted; empty when valid."""
    status: StrategyStatus
    """Where it stands."""
    decisions: tuple[StrategyDecision, ...] = ()
    """Decisions taken on it, oldest first."""
    created_at: AwareDatetime
    """When it was drafted."""


class StrategyMarkdown(ContractModel):
    """The plan rendered as the delivered strategy.md."""

    strategy_id: StrategyId
    """The strategy rendered."""
    markdown: str
    """The markdown text, headed with the brand name."""
