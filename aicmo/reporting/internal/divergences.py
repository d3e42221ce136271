"""Where the new reporting knowingly differs from legacy, each with its reason.

The names here are the ones reporting's shadow `explain` may tag a mismatch with; the gate counts
such a mismatch as explained only once the name is also declared in the routes database
(`aicmo migrate diverge reporting NAME --reason ...`, audited). It shows in no journey: reproducible
runs and tests pin the clock, and the process's zone, to one instant.
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Optional

__all__ = ["DECLARED_DIVERGENCES", "PERIOD_ON_UTC_DATE", "explain"]

PERIOD_ON_UTC_DATE = "period_on_utc_date"

DECLARED_DIVERGENCES: Mapping[str, str] = MappingProxyType({
    PERIOD_ON_UTC_DATE: (
        "a simulated report's period (the 30 days ending yesterday) and an empty report's day are counted from the UTC "
        "date of the clock reporting is given; legacy reads date.today(), the process's local date. They differ only "
        "while the process's time zone and UTC are on different days, and then the period, the days of the simulated "
        "rows and nothing else are a day apart (the simulator is seeded by the client id alone, so its figures are the same)."
    ),
})

_DATED = ("period.start", "period.end")


def explain(diffs: list[dict[str, Any]]) -> Optional[str]:
    """The declared divergence accounting for every field diff of one comparison, if one does."""
    if diffs and all(d["path"] in _DATED for d in diffs):
        return PERIOD_ON_UTC_DATE
    return None
