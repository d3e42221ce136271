"""Where the new onboarding knowingly differs from legacy, each with its reason.

The names here are the ones onboarding's shadow `explain` may tag a mismatch with; the gate
counts such a mismatch as explained only once the name is also declared in the routes database
(`aicmo migrate diverge onboarding NAME --reason ...`, audited).

Neither changes an answer of the port on the journeys: the DTOs and the printed output are
the same on both paths; the first shows only in the legacy row, the second only on a path no
journey takes. So `explain` tags nothing.
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["DECLARED_DIVERGENCES", "STRATEGY_STATUS_FROM_STAMPS", "STRATEGY_STATUS_IS_STRATEGYS"]

STRATEGY_STATUS_IS_STRATEGYS = "strategy-status-is-strategys"
STRATEGY_STATUS_FROM_STAMPS = "strategy-status-from-stamps"

DECLARED_DIVERGENCES: Mapping[str, str] = MappingProxyType({
    STRATEGY_STATUS_IS_STRATEGYS: (
        "Moving the project to STRATEGY_GENERATED or STRATEGY_APPROVED no longer writes "
        "cam_campaigns.strategy_status ('DRAFT' / 'APPROVED', legacy's apply_to_campaign): the "
        "column is strategy's legacy view, and onboarding's sync never writes it. On a journey "
        "strategy writes the same value right after (draft, approval), so the row ends the same."
    ),
    STRATEGY_STATUS_FROM_STAMPS: (
        "Where a project in a non-canonical state (STRATEGY_DRAFT of Q-02, REJECTED of Q-10) "
        "restarts the machine (L-09) follows what onboarding knows of the strategy: its own moves "
        "to STRATEGY_GENERATED / STRATEGY_APPROVED and the decision stamps strategy adds as notes "
        "('[Approved: ', '[Rejected: ', L-08). Legacy read cam_campaigns.strategy_status, a column "
        "onboarding no longer reads (it is strategy's). The two differ only when a strategy was "
        "drafted but never decided before the first move (legacy: STRATEGY_GENERATED; new: "
        "CREATED), or when a note looks like a decision stamp without being one; no journey does either."
    ),
})
