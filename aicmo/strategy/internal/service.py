"""The strategy port, implemented on strategy's own tables (the new path of the strategy route).

The decision's stamp in the project description (L-08) is the project's, so onboarding adds it
through its port, after strategy's own transaction committed (no other module's call runs
inside it). The stamp is derived from the stored decision, so a repeat of the key, after a
crash between the two, adds the very same stamp under the very same key: onboarding replays
it instead of stamping twice.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Optional

from aicmo.onboarding.api import ClientProject, OnboardingPort
from aicmo.shared.clock import Clock
from aicmo.shared.ids import MessageId, derived_id
from aicmo.shared.persistence.conflicts import serialize_on
from aicmo.shared.persistence.idempotency import value_fingerprint
from aicmo.shared.seeded_uuid import ids_drawn
from aicmo.shared.text_generation import TextGenerator
from aicmo.strategy.api import (
    Strategy,
    StrategyDecisionKind,
    StrategyDocument,
    StrategyId,
    StrategyMarkdown,
    StrategyNotFound,
    StrategyStatus,
    StrategyValidation,
)
from aicmo.strategy.internal.drafting import draft_plan
from aicmo.strategy.internal.events import decided_event, drafted_event
from aicmo.strategy.internal.legacy_view import LOCK, LegacyViewSupport
from aicmo.strategy.internal.model import Decision, StrategyRecord
from aicmo.strategy.internal.rules.markdown import plan_markdown
from aicmo.strategy.internal.rules.validation import validation_errors
from aicmo.strategy.internal.translation import plan_from_document, strategy_dto
from aicmo.strategy.internal.unit_of_work import StrategyUnitOfWork

__all__ = ["StrategyService"]


def _not_found(strategy_id: str) -> StrategyNotFound:
    return StrategyNotFound(f"strategy {strategy_id} not found", strategy_id=str(strategy_id))


def _note_key(method: str, idempotency_key: str) -> str:
    # the caller's key may already be 200 characters long: onboarding gets a fixed-length one derived from it
    return f"strategy-note:{derived_id(MessageId, method, idempotency_key)}"


class StrategyService(LegacyViewSupport):
    """StrategyPort over strategy's unit of work; the text generator drafts, onboarding stamps the project."""

    def __init__(self, unit_of_work: Callable[[], StrategyUnitOfWork], clock: Clock,
                 generator: TextGenerator, onboarding: OnboardingPort) -> None:
        self._unit_of_work, self._clock = unit_of_work, clock
        self._generator, self._onboarding = generator, onboarding

    def draft_strategy(self, project: ClientProject, idempotency_key: str) -> Strategy:
        method, fingerprint = "draft_strategy", value_fingerprint(project.client_id)  # legacy's request: the client
        with self._unit_of_work() as uow:
            replay = self._replay(uow, method, idempotency_key, fingerprint)
        if replay is not None:
            return replay
        # the provider is asked outside strategy's transaction, with legacy's task, prompt and context
        brief = project.brief.model_dump(mode="json")
        plan = draft_plan(brief, self._generator)
        strategy_id = str(project.client_id)
        with self._unit_of_work().for_writing() as uow:
            serialize_on(uow.session, LOCK, strategy_id)
            replay = self._replay(uow, method, idempotency_key, fingerprint)
            if replay is not None:
                return replay
            before = uow.strategies.get(strategy_id)
            drafted = {
                "project_name": project.name,
                "brief": brief,
                "plan": plan,
                "status": StrategyStatus.REJECTED if validation_errors(plan) else StrategyStatus.DRAFT,  # L-07
            }
            if before is None:
                record = StrategyRecord(strategy_id=strategy_id, client_id=strategy_id, previous_status=None, previous_plan=None,
                                        revision=0, decisions=(), created_at=project.created_at, **drafted)
            else:
                # a redraft keeps the decisions taken (legacy's adapter kept them by strategy id)
                record = before.changed(**drafted)
            uow.strategies.save(record)
            answer = strategy_dto(record, decisions=())  # legacy's draft answer lists no decisions
            now = self._clock.now()
            uow.answers.record(method, idempotency_key, fingerprint, answer.model_dump_json(), ids_drawn(), now)
            uow.outbox.append(drafted_event(record, now))
            uow.commit()
        return answer

    def validate_document(self, document: StrategyDocument) -> StrategyValidation:
        errors = tuple(validation_errors(plan_from_document(document)))
        return StrategyValidation(errors=errors, valid=not errors)

    def approve_strategy(self, strategy_id: StrategyId, idempotency_key: str) -> Strategy:
        def approval(at: datetime) -> Decision:
            return Decision(StrategyDecisionKind.APPROVED, None, at, f"[Approved: {at.isoformat()}]")

        return self._decide("approve_strategy", strategy_id, idempotency_key, strategy_id, approval)

    def reject_strategy(self, strategy_id: StrategyId, reason: str, idempotency_key: str) -> Strategy:
        def rejection(at: datetime) -> Decision:
            return Decision(StrategyDecisionKind.REJECTED, reason, at, f"[Rejected: {reason}]")

        return self._decide("reject_strategy", strategy_id, idempotency_key, (strategy_id, reason), rejection)

    def get_strategy(self, strategy_id: StrategyId) -> Strategy:
        return strategy_dto(self._record(strategy_id))

    def render_markdown(self, strategy_id: StrategyId) -> StrategyMarkdown:
        record = self._record(strategy_id)
        return StrategyMarkdown(strategy_id=strategy_id, markdown=plan_markdown(record.plan, record.project_name))

    # -- helpers

    def _record(self, strategy_id: str) -> StrategyRecord:
        with self._unit_of_work() as uow:
            record = uow.strategies.get(str(strategy_id))
        if record is None:
            raise _not_found(strategy_id)
        return record

    def _replay(self, uow: StrategyUnitOfWork, method: str, key: str, fingerprint: str) -> Optional[Strategy]:
        stored = uow.answers.replay(method, key, fingerprint)
        return Strategy.model_validate_json(stored) if stored is not None else None

    def _decide(self, method: str, strategy_id: str, key: str, request: object,
                decision_at: Callable[[datetime], Decision]) -> Strategy:
        fingerprint = value_fingerprint(request)
        with self._unit_of_work().for_writing() as uow:
            serialize_on(uow.session, LOCK, str(strategy_id))
            answer = self._replay(uow, method, key, fingerprint)
            if answer is None:
                record = uow.strategies.get(str(strategy_id))
                if record is None:
                    raise _not_found(strategy_id)
                decision = decision_at(self._clock.now())
                status = StrategyStatus.APPROVED if decision.kind is StrategyDecisionKind.APPROVED else StrategyStatus.REJECTED
                record = record.changed(status=status, decisions=record.decisions + (decision,))
                uow.strategies.save(record)
                answer = strategy_dto(record)
                uow.answers.record(method, key, fingerprint, answer.model_dump_json(), ids_drawn(), decision.decided_at)
                uow.outbox.append(decided_event(record, decision))
                uow.commit()
        # only the description is stamped; the project's state is onboarding's and left alone
        self._onboarding.add_project_note(answer.client_id, answer.decisions[-1].project_note, _note_key(method, key))
        return answer
