"""Production over legacy: the adapter over creative_assets and the generators, and the legacy view sync.

Nothing is imported eagerly: the legacy-view sync outlives production's legacy code (legacy
readers of creative_assets remain), so importing it must not load the adapter, which needs that code.
"""
from __future__ import annotations

from typing import Any

__all__ = ["LegacyProduction"]


def __getattr__(name: str) -> Any:
    if name == "LegacyProduction":
        from acl.production.adapter import LegacyProduction

        return LegacyProduction
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
