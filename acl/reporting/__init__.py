"""Reporting over legacy: the metrics simulator, build_report, snapshots, efficiency, attribution; and the legacy view sync.

Nothing is imported eagerly: the legacy-view sync outlives reporting's legacy code, so importing
it must not load the adapter, which needs that code.
"""
from __future__ import annotations

from typing import Any

__all__ = ["LegacyReporting"]


def __getattr__(name: str) -> Any:
    if name == "LegacyReporting":
        from acl.reporting.adapter import LegacyReporting

        return LegacyReporting
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
