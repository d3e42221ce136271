"""Where the new strategy knowingly differs from legacy, each with its reason.

The names here are the ones strategy's shadow `explain` may tag a mismatch with; the gate
counts such a mismatch as explained only once the name is also declared in the routes
database (`aicmo migrate diverge strategy NAME --reason ...`, audited).
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["DECLARED_DIVERGENCES", "DECISIONS_ARE_KEPT"]

DECISIONS_ARE_KEPT = "decisions_are_kept"

DECLARED_DIVERGENCES: Mapping[str, str] = MappingProxyType({
    DECISIONS_ARE_KEPT: (
        "Legacy stores no decision, only its stamp in the project description; the legacy adapter "
        "kept the decisions of the process in memory, so a strategy read in another process (a "
        "resumed journey, a second command) listed none. The new strategy keeps them in its "
        "strategy_decisions table, so they are listed whichever process reads them. No shadowed "
        "command answers with earlier decisions (a draft's answer lists none on both paths), so "
        "shadow never meets this; it shows only in reads across processes."
    ),
})
