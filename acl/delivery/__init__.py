"""Delivery over legacy: the zip packager (which also writes production's and billing's rows, Q-12), and the legacy view sync.

Nothing is imported eagerly: the legacy-view sync outlives delivery's legacy code (legacy
readers of delivery_packages remain), so importing it must not load the adapter, which needs
that code.
"""
from __future__ import annotations

from typing import Any

__all__ = ["LegacyDelivery"]


def __getattr__(name: str) -> Any:
    if name == "LegacyDelivery":
        from acl.delivery.adapter import LegacyDelivery

        return LegacyDelivery
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
