"""What strategy offers its legacy view besides the port (acl/strategy/legacy_view_sync.py).

The view's sync compares the project row with what strategy holds now and held before its
last change, and hands over what a legacy writer put there: a status, a plan, or a whole
strategy legacy drafted before strategy moved to this path. Each is applied here, in
strategy's own unit of work, once (its inbox).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Optional

import attrs

from aicmo.onboarding.api import OnboardingPort
from aicmo.shared.clock import Clock
from aicmo.shared.ids import MessageId, derived_id
from aicmo.shared.persistence.conflicts import serialize_on
from aicmo.strategy.api import Strategy, StrategyDocument, StrategyId, StrategyStatus
from aicmo.strategy.internal.model import StrategyRecord
from aicmo.strategy.internal.translation import document_dto, plan_from_document, strategy_dto
from aicmo.strategy.internal.unit_of_work import StrategyUnitOfWork

__all__ = ["LOCK", "LegacyViewBasis", "LegacyViewSupport"]

# the writers of one strategy take turns under this lock (PostgreSQL; SQLite's write lock does it there)
LOCK = "strategy.strategy"


@attrs.frozen
class LegacyViewBasis:
    """What the legacy view sync compares the view with: the strategy now, what it held before the last change, its revision."""

    strategy: Strategy
    previous_status: Optional[StrategyStatus]
    previous_document: Optional[StrategyDocument]
    revision: int


class LegacyViewSupport:
    """The legacy view's side of the strategy service; not part of the port."""

    _unit_of_work: Callable[[], StrategyUnitOfWork]
    _clock: Clock
    _onboarding: OnboardingPort

    def legacy_view_basis(self, strategy_id: StrategyId) -> Optional[LegacyViewBasis]:
        with self._unit_of_work() as uow:
            record = uow.strategies.get(str(strategy_id))
        if record is None:
            return None
        previous_document = document_dto(record.previous_plan) if record.previous_plan is not None else None
        return LegacyViewBasis(strategy_dto(record), record.previous_status, previous_document, record.revision)

    def absorb_legacy_view(self, strategy_id: StrategyId, status: StrategyStatus, revision: int,
                           document: Optional[StrategyDocument] = None) -> None:
        """What a legacy writer put in the view while the strategy was at `revision` becomes the strategy's.

        A status alone (onboarding's legacy state machine), or a plan with its status (legacy's
        strategy drafting while the route was back on legacy). The message is named by the
        strategy, its revision and what was seen, and kept in the inbox: the same observation
        handed over twice is applied once. Observed at an older revision, it is stale (the
        strategy changed since) and dropped; the view is looked at again on the next call.
        """
        seen = document.model_dump_json() if document is not None else ""
        message_id = derived_id(MessageId, strategy_id, revision, status.value, seen)
        with self._unit_of_work().for_writing() as uow:
            serialize_on(uow.session, LOCK, str(strategy_id))
            record = uow.strategies.get(str(strategy_id))
            if record is None or record.revision != revision or uow.strategies.absorbed(message_id):
                return
            plan = plan_from_document(document) if document is not None else record.plan
            uow.strategies.save(record.changed(status=status, plan=plan))
            uow.strategies.mark_absorbed(message_id, self._clock.now())
            uow.commit()

    def adopt_legacy_strategy(self, strategy_id: StrategyId, document: StrategyDocument, status: StrategyStatus) -> None:
        """A strategy legacy drafted before strategy moved to this path becomes strategy's own.

        Legacy kept the plan and its status only, on the project row; the brief, the name and
        the creation are the project's, asked of onboarding. Legacy kept no decision (its
        adapter remembered them in memory only), so none is adopted. Adopted once: a strategy
        strategy already holds is never replaced by what the view says.
        """
        project = self._onboarding.get_project(strategy_id)
        message_id = derived_id(MessageId, strategy_id, "adopted")
        with self._unit_of_work().for_writing() as uow:
            serialize_on(uow.session, LOCK, str(strategy_id))
            if uow.strategies.get(str(strategy_id)) is not None or uow.strategies.absorbed(message_id):
                return
            uow.strategies.save(StrategyRecord(
                strategy_id=str(strategy_id), client_id=str(strategy_id), project_name=project.name,
                brief=project.brief.model_dump(mode="json"), plan=plan_from_document(document), status=status,
                previous_status=None, previous_plan=None, revision=0, decisions=(), created_at=project.created_at,
            ))
            uow.strategies.mark_absorbed(message_id, self._clock.now())
            uow.commit()
