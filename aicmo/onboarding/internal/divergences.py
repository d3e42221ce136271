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

__all__ = ["DECLARED_DIVERGENCES", "STRATEGY_DRAFT_BEFORE_INTAKE", "STRATEGY_STATUS_IS_STRATEGYS"]

STRATEGY_STATUS_IS_STRATEGYS = "strategy-status-is-strategys"
STRATEGY_DRAFT_BEFORE_INTAKE = "strategy-draft-before-intake"

DECLARED_DIVERGENCES: Mapping[str, str] = MappingProxyType({
    STRATEGY_STATUS_IS_STRATEGYS: (
        "Moving the project to STRATEGY_GENERATED or STRATEGY_APPROVED no longer writes "
        "cam_campaigns.strategy_status ('DRAFT' / 'APPROVED', legacy's apply_to_campaign): the "
        "column is strategy's legacy view, and onboarding's sync never writes it. On a journey "
        "strategy writes the same value right after (draft, approval), so the row ends the same."
    ),
    STRATEGY_DRAFT_BEFORE_INTAKE: (
        "A project still in STRATEGY_DRAFT (Q-02) whose strategy was drafted but never decided "
        "restarts the machine at CREATED; legacy read strategy_status, a column onboarding no "
        "longer reads (it is strategy's), and restarted it at STRATEGY_GENERATED. Approval and "
        "rejection stamps (L-08) reach onboarding as notes, so a decided strategy restarts it "
        "where legacy did."
    ),
})
