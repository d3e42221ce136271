"""Onboarding over legacy: intake, brief and the project row in cam_campaigns; and the legacy view sync.

Nothing is imported eagerly: the legacy-view sync outlives onboarding's legacy code (legacy
readers of the project row remain), so importing it must not load the adapter, which needs that code.
"""
from __future__ import annotations

from typing import Any

__all__ = ["LegacyOnboarding"]


def __getattr__(name: str) -> Any:
    if name == "LegacyOnboarding":
        from acl.onboarding.adapter import LegacyOnboarding

        return LegacyOnboarding
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
