"""Strategy over legacy: the adapter over the generator and the operator's decisions, and the legacy view sync.

Nothing is imported eagerly: the legacy-view sync outlives strategy's legacy code (legacy
readers of the project row's strategy columns remain), so importing it must not load the
adapter, which needs that code.
"""
from __future__ import annotations

from typing import Any

__all__ = ["LegacyStrategy"]


def __getattr__(name: str) -> Any:
    if name == "LegacyStrategy":
        from acl.strategy.adapter import LegacyStrategy

        return LegacyStrategy
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
