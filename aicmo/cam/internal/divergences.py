"""Where the new cam knowingly differs from legacy, each with its reason.

The names here are the ones cam's shadow `explain` may tag a mismatch with; the gate counts such
a mismatch as explained only once the name is also declared in the routes database
(`aicmo migrate diverge cam NAME --reason ...`, audited).
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Optional

__all__ = ["DECLARED_DIVERGENCES", "NEXT_ACTION_OFFSET_KEPT", "NO_LIVE_PROVIDER_HOOK", "explain"]

NEXT_ACTION_OFFSET_KEPT = "next_action_offset_kept"
NO_LIVE_PROVIDER_HOOK = "no_live_provider_hook"

DECLARED_DIVERGENCES: Mapping[str, str] = MappingProxyType({
    NEXT_ACTION_OFFSET_KEPT: (
        "a reply's follow-up (received_at + 3/7 days, L-39) and a next action planned from a caller's time keep the "
        "caller's UTC offset in cam's own table, so every later read gives them back as set. Legacy's SQLite column "
        "drops the offset and its adapter restores it only from the memory of the adapter instance that set it; read "
        "by another instance (a resumed durable run, another process) legacy gives the clock time labelled UTC, a "
        "different instant. Within one run, as every journey and `aicmo acquire` reads them, both give the same value."
    ),
    NO_LIVE_PROVIDER_HOOK: (
        "a LIVE send has no provider on either path: legacy calls the module attribute "
        "backend.services.cam.outreach.EMAIL_SENDER, None outside tests, and records FAILED 'no email provider "
        "configured'; the new cam records the same FAILED attempt and has no such hook for a test to patch, so a test "
        "that installs a fake sender on legacy sees SENT there and FAILED here. No deployment sets the hook."
    ),
})


def explain(diffs: list[dict[str, Any]]) -> Optional[str]:
    """The declared divergence accounting for every field diff of one comparison, if one does."""
    paths = [d["path"] for d in diffs]
    if paths and all(p.rsplit(".", 1)[-1] == "next_action_at" for p in paths):
        return NEXT_ACTION_OFFSET_KEPT
    return None
