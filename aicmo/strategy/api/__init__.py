"""Strategy's public contract: the only thing other modules, the ACL and the orchestration may import.

Raise the major of CONTRACT_VERSION with any breaking change; `aicmo contracts check` enforces it.
"""
from __future__ import annotations

from aicmo.strategy.api.dtos import (
    ChannelSplit,
    Kpi,
    Pillar,
    Strategy,
    StrategyDecision,
    StrategyDecisionKind,
    StrategyDocument,
    StrategyId,
    StrategyMarkdown,
    StrategyStatus,
    StrategyValidation,
)
from aicmo.strategy.api.errors import (
    StrategyNotFound,
)
from aicmo.strategy.api.events import (
    StrategyApproved,
    StrategyDrafted,
    StrategyRejected,
)
from aicmo.strategy.api.ports import (
    StrategyPort,
)

CONTRACT_VERSION = "1.0.0"

__all__ = [
    "CONTRACT_VERSION",
    "ChannelSplit",
    "Kpi",
    "Pillar",
    "Strategy",
    "StrategyApproved",
    "StrategyDecision",
    "StrategyDecisionKind",
    "StrategyDocument",
    "StrategyDrafted",
    "StrategyId",
    "StrategyMarkdown",
    "StrategyNotFound",
    "StrategyPort",
    "StrategyRejected",
    "StrategyStatus",
    "StrategyValidation",
]
