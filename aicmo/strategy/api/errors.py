"""Strategy's contract errors."""
from __future__ import annotations

from aicmo.shared.errors import NotFound

__all__ = ["StrategyNotFound"]


class StrategyNotFound(NotFound):
    """No strategy with that id."""

    code = "strategy_not_found"

