"""Retention over legacy: the adapter over assess_retention and retention_assessments, and the legacy view sync.

Nothing is imported eagerly: the legacy-view sync outlives retention's legacy code (it keeps
retention_assessments), so importing it must not load the adapter, which needs that code.
"""
from __future__ import annotations

from typing import Any

__all__ = ["LegacyRetention"]


def __getattr__(name: str) -> Any:
    if name == "LegacyRetention":
        from acl.retention.adapter import LegacyRetention

        return LegacyRetention
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
