"""Strategy's integration events."""
from __future__ import annotations

from aicmo.shared.events import IntegrationEvent
from aicmo.shared.ids import ClientId
from aicmo.strategy.api.dtos import StrategyId, StrategyStatus

__all__ = ["StrategyApproved", "StrategyDrafted", "StrategyRejected"]


class StrategyDrafted(IntegrationEvent):
    """A plan was drafted and validated."""

    strategy_id: StrategyId
    """The plan."""
    client_id: ClientId
    """Its client."""
    status: StrategyStatus
    """DRAFT, or REJECTED when it failed validation."""
    validation_errors: tuple[str, ...]
    """What failed validation."""


class StrategyApproved(IntegrationEvent):
    """An operator approved a plan."""

    strategy_id: StrategyId
    """The plan."""
    client_id: ClientId
    """Its client."""


class StrategyRejected(IntegrationEvent):
    """An operator rejected a plan."""

    strategy_id: StrategyId
    """The plan."""
    client_id: ClientId
    """Its client."""
    reason: str
    """Why."""
