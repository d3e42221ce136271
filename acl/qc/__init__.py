"""QC over legacy: the adapter over evaluate_project and the v1 ruleset, and the legacy view sync.

Nothing is imported eagerly: the legacy-view sync outlives qc's legacy code (legacy readers of
creative_assets.qc_* remain), so importing it must not load the adapter, which needs that code.
"""
from __future__ import annotations

from typing import Any

__all__ = ["LegacyQc"]


def __getattr__(name: str) -> Any:
    if name == "LegacyQc":
        from acl.qc.adapter import LegacyQc

        return LegacyQc
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
