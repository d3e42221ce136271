"""L-17 on the calendar: duplicate hooks on 30% or more of the days are a MAJOR finding.

By Q-06 every 30-day calendar repeats the day-7 hook, so every one of them fails this check.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from aicmo.qc.api import FindingRule, Severity
from aicmo.qc.internal.model import CalendarCheck, Finding

__all__ = ["DUPLICATE_HOOK_SHARE", "check_calendar"]

DUPLICATE_HOOK_SHARE = 0.30


def _duplicate_share(hooks: Sequence[str]) -> float:
    if not hooks:
        return 0.0
    counts = Counter(hooks)
    return sum(1 for hook in hooks if counts[hook] > 1) / len(hooks)


def check_calendar(hooks: Sequence[str]) -> CalendarCheck:
    share = _duplicate_share(hooks)
    findings: tuple[Finding, ...] = ()
    if share >= DUPLICATE_HOOK_SHARE:
        findings = (Finding(FindingRule.DUPLICATE_HOOKS, Severity.MAJOR, f"{share:.0%} of days repeat a hook"),)
    return CalendarCheck(duplicate_hook_share=share, findings=findings)
