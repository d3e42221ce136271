"""Strategy's port: draft, validate, decide and render the plan."""
from __future__ import annotations

from typing import Protocol, runtime_checkable

from aicmo.onboarding.api import ClientProject
from aicmo.shared.dto import IdempotencyKey
from aicmo.strategy.api.dtos import (
    Strategy,
    StrategyDocument,
    StrategyId,
    StrategyMarkdown,
    StrategyValidation,
)

__all__ = ["StrategyPort"]


@runtime_checkable
class StrategyPort(Protocol):
    """What other modules and the orchestration may ask of strategy."""

    def draft_strategy(self, project: ClientProject, idempotency_key: IdempotencyKey) -> Strategy:
        """Draft and validate the plan for the project's brief (L-05..L-07, Q-03)."""
        ...

    def validate_document(self, document: StrategyDocument) -> StrategyValidation:
        """Check a plan: summary length and placeholders (L-07)."""
        ...

    def approve_strategy(self, strategy_id: StrategyId, idempotency_key: IdempotencyKey) -> Strategy:
        """Approve the plan: status APPROVED and an approval stamp (L-08)."""
        ...

    def reject_strategy(self, strategy_id: StrategyId, reason: str, idempotency_key: IdempotencyKey) -> Strategy:
        """Reject the plan with a reason (L-08)."""
        ...

    def get_strategy(self, strategy_id: StrategyId) -> Strategy:
        """The strategy; StrategyNotFound when unknown."""
        ...

    def render_markdown(self, strategy_id: StrategyId) -> StrategyMarkdown:
        """The plan as the strategy.md that delivery packs."""
        ...
