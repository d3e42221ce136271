"""Where the new billing knowingly differs from legacy, each with its reason.

The names here are the ones billing's shadow `explain` may tag a mismatch with; the gate counts
such a mismatch as explained only once the name is also declared in the routes database
(`aicmo migrate diverge billing NAME --reason ...`, audited).

Neither shows in a journey or through the port's invoices: every proposal line's share and
every tax rate gives whole cents (tests/unit/billing/test_money_matches_legacy.py compares
both rules on random payment sequences, geographies and amounts), and reproducible runs and
tests pin the clock to UTC.
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Optional

__all__ = ["DATES_ON_UTC_DATE", "DECLARED_DIVERGENCES", "EXACT_DECIMAL_CENTS", "explain"]

EXACT_DECIMAL_CENTS = "exact_decimal_cents"
DATES_ON_UTC_DATE = "dates_on_utc_date"

DECLARED_DIVERGENCES: Mapping[str, str] = MappingProxyType({
    EXACT_DECIMAL_CENTS: (
        "money is Decimal, each line, the tax and a payment's remainder rounded to the cent half to even on the exact "
        "decimal value, the subtotal and total exact sums of cents; legacy rounds binary floats (Q-14). Affected inputs: "
        "a line amount, a subtotal times the tax rate or a sub-cent payment whose exact value lies on a half cent "
        "(2.675: legacy 2.67, new 2.68), where a line differs by at most a cent, the tax by at most a cent plus the "
        "rate's share of the subtotal's difference, and the total by their sum; and a float sum whose binary artefact legacy keeps unrounded (a subtotal of "
        "0.1 + 0.2 stored as 0.30000000000000004, new 0.30). None is reachable through the port: the proposal's lines "
        "times 50/25/25% and the rates 0/18/20/21% give whole cents, and a payment in cents leaves cents."
    ),
    DATES_ON_UTC_DATE: (
        "the signing invoice's issue date and the day an answer judges overdue on are the UTC date of the clock billing "
        "is given; legacy reads date.today(), the process's local date. They differ only while the process's time "
        "zone and UTC are on different days; reproducible runs and tests pin both to the same instant."
    ),
})

_DATED = ("issue_date", "due_date", "overdue", "overdue_count", "as_of")


def explain(diffs: list[dict[str, Any]]) -> Optional[str]:
    """The declared divergence accounting for every field diff of one comparison, if one does."""
    paths = [d["path"] for d in diffs]
    if paths and all(p.rsplit(".", 1)[-1] in _DATED for p in paths):
        return DATES_ON_UTC_DATE
    return None
