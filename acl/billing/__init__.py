"""Billing over legacy: the adapter over billing_invoices and the billing service, and the legacy view sync.

Nothing is imported eagerly: the legacy-view sync outlives billing's legacy code (legacy readers
of billing_invoices remain), so importing it must not load the adapter, which needs that code.
"""
from __future__ import annotations

from typing import Any

__all__ = ["LegacyBilling"]


def __getattr__(name: str) -> Any:
    if name == "LegacyBilling":
        from acl.billing.adapter import LegacyBilling

        return LegacyBilling
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
