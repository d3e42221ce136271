"""Client review over legacy: review packages and feedback written onto creative_assets (Q-10); and the legacy view sync.

Nothing is imported eagerly: the legacy-view sync outlives client review's legacy code (legacy
readers of creative_assets.review_* and of a rejection's project state remain), so importing it
must not load the adapter, which needs that code.
"""
from __future__ import annotations

from typing import Any

__all__ = ["LegacyClientReview"]


def __getattr__(name: str) -> Any:
    if name == "LegacyClientReview":
        from acl.client_review.adapter import LegacyClientReview

        return LegacyClientReview
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
