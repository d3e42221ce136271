"""Where the new production knowingly differs from legacy, each with its reason.

The names here are the ones production's shadow `explain` may tag a mismatch with; the gate
counts such a mismatch as explained only once the name is also declared in the routes database
(`aicmo migrate diverge production NAME --reason ...`, audited).

Neither difference shows in a journey: the strategy production is handed always names the
client's project brand, and reproducible runs and tests pin the clock to UTC.
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Optional

__all__ = ["BRAND_FROM_THE_STRATEGY", "CALENDAR_ON_UTC_DATE", "DECLARED_DIVERGENCES", "explain"]

BRAND_FROM_THE_STRATEGY = "brand_from_the_strategy"
CALENDAR_ON_UTC_DATE = "calendar_on_utc_date"

DECLARED_DIVERGENCES: Mapping[str, str] = MappingProxyType({
    BRAND_FROM_THE_STRATEGY: (
        "the set's brand_name (and the client it is produced for) come from the Strategy production is "
        "handed, kept with the set: legacy answers later calls with the name of the client's project row, "
        "a table production does not own, and refuses a strategy whose client has no project row. The two "
        "differ only for a strategy strategy never drafts (its brief's brand is the project's name)."
    ),
    CALENDAR_ON_UTC_DATE: (
        "the calendar starts on the UTC date of the clock production is given; legacy reads date.today(), "
        "the process's local date. They differ only while the process's time zone and UTC are on different "
        "days; reproducible runs and tests pin both to the same instant."
    ),
})


def explain(diffs: list[dict[str, Any]]) -> Optional[str]:
    """The declared divergence accounting for every field diff of one comparison, if one does."""
    paths = [d["path"] for d in diffs]
    if paths and all(p == "brand_name" or p.endswith(".brand_name") for p in paths):
        return BRAND_FROM_THE_STRATEGY
    calendar = ("text", "csv")
    if paths and all(p in calendar or (p.startswith("items") and p.endswith(".date")) for p in paths):
        return CALENDAR_ON_UTC_DATE
    return None
