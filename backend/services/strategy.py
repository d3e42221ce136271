"""Strategy: generate the plan from the brief and validate it (spec section 2)."""
from __future__ import annotations

from typing import Any

from aicmo.domain import StrategyDoc
from backend.generators.strategy_generator import generate_strategy


def draft_strategy(brief: dict[str, Any]) -> tuple[StrategyDoc, list[str]]:
    """L-05..L-07: the plan and its validation errors (empty when it is valid)."""
    doc = generate_strategy(brief)
    return doc, doc.validation_errors()


def strategy_status_for(errors: list[str]) -> str:
    """L-07: a plan that fails validation is stored REJECTED."""
    return "REJECTED" if errors else "DRAFT"
