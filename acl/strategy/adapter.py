"""StrategyPort over legacy: draft_strategy, and the approve/reject writes of the operator flow (approval.py)."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from sqlalchemy.orm import Session

from acl._support.idempotency import DurableIdempotency
from acl._support.legacy_session import legacy_session
from acl._support.project_rows import project_from_row, project_row
from acl._support.row_reads import row_by_id
from acl.strategy import approval
from acl.strategy.legacy_view_sync import write_strategy_columns
from acl.strategy.translation import (
    document_to_legacy,
    stored_document,
    strategy_from_row,
)
from aicmo.onboarding.api import ClientProject
from aicmo.strategy.api import (
    Strategy,
    StrategyDecision,
    StrategyDecisionKind,
    StrategyDocument,
    StrategyId,
    StrategyMarkdown,
    StrategyNotFound,
    StrategyValidation,
)
from backend.db.models import CampaignRow
from backend.services.strategy import draft_strategy, strategy_status_for

__all__ = ["LegacyStrategy"]

MODULE = "strategy"
_APPROVAL_STAMP = re.compile(r"\[Approved: ([^\]]+)\]$")


def _strategy_row(session: Session, strategy_id: str) -> CampaignRow:
    row = row_by_id(session, CampaignRow, str(strategy_id))
    if row is None or row.kind != "project" or not row.strategy_text:
        raise StrategyNotFound(f"strategy {strategy_id} not found", strategy_id=str(strategy_id))
    return row


class LegacyStrategy:
    """The strategy port, answered by the legacy generator and operator services."""

    def __init__(self) -> None:
        self._idempotency = DurableIdempotency(MODULE)
        # legacy stores only the description stamps of decisions, not the decisions
        self._decisions: dict[str, tuple[StrategyDecision, ...]] = {}

    def _strategy(self, row: CampaignRow) -> Strategy:
        return strategy_from_row(row, project_from_row(row).brief, self._decisions.get(row.id, ()))

    def draft_strategy(self, project: ClientProject, idempotency_key: str) -> Strategy:
        def run() -> Strategy:
            doc, errors = draft_strategy(project.brief.model_dump(mode="json"))
            with legacy_session(MODULE) as session:
                row = project_row(session, project.client_id)
                write_strategy_columns(row, doc.model_dump_json(), strategy_status_for(errors))  # L-07
                return strategy_from_row(row, project.brief, errors=errors)

        return self._idempotency.once("draft_strategy", idempotency_key, project.client_id, run)

    def validate_document(self, document: StrategyDocument) -> StrategyValidation:
        errors = document_to_legacy(document).validation_errors()
        return StrategyValidation(errors=tuple(errors), valid=not errors)

    def approve_strategy(self, strategy_id: StrategyId, idempotency_key: str) -> Strategy:
        def run() -> Strategy:
            with legacy_session(MODULE) as session:
                row = _strategy_row(session, strategy_id)
                approval.approve(session, row.id)
                stamp = _APPROVAL_STAMP.search(row.description)
                decided_at = datetime.fromisoformat(stamp.group(1)) if stamp else datetime.now(timezone.utc)
                note = stamp.group(0) if stamp else ""
                self._decide(row.id, StrategyDecision(
                    decision=StrategyDecisionKind.APPROVED, decided_at=decided_at, project_note=note))
                return self._strategy(row)

        return self._idempotency.once("approve_strategy", idempotency_key, strategy_id, run)

    def reject_strategy(self, strategy_id: StrategyId, reason: str, idempotency_key: str) -> Strategy:
        def run() -> Strategy:
            with legacy_session(MODULE) as session:
                row = _strategy_row(session, strategy_id)
                approval.reject(session, row.id, reason)
                self._decide(row.id, StrategyDecision(
                    decision=StrategyDecisionKind.REJECTED, reason=reason,
                    decided_at=datetime.now(timezone.utc), project_note=f"[Rejected: {reason}]"))
                return self._strategy(row)

        return self._idempotency.once("reject_strategy", idempotency_key, (strategy_id, reason), run)

    def get_strategy(self, strategy_id: StrategyId) -> Strategy:
        with legacy_session(MODULE) as session:
            return self._strategy(_strategy_row(session, strategy_id))

    def render_markdown(self, strategy_id: StrategyId) -> StrategyMarkdown:
        with legacy_session(MODULE) as session:
            row = _strategy_row(session, strategy_id)
            return StrategyMarkdown(strategy_id=strategy_id, markdown=stored_document(row).to_markdown(row.name))

    def _decide(self, row_id: str, decision: StrategyDecision) -> None:
        self._decisions[row_id] = self._decisions.get(row_id, ()) + (decision,)

