"""The integration events strategy raises: StrategyDrafted, StrategyApproved, StrategyRejected."""
from __future__ import annotations

from datetime import datetime

from aicmo.shared.ids import CorrelationId, MessageId, derived_id
from aicmo.strategy.api import StrategyApproved, StrategyDecisionKind, StrategyDrafted, StrategyRejected, StrategyId
from aicmo.strategy.internal.model import Decision, StrategyRecord
from aicmo.strategy.internal.rules.validation import validation_errors

__all__ = ["decided_event", "drafted_event"]


def _common(record: StrategyRecord, event_type: str, at: datetime) -> dict:
    return {
        # one change of a strategy raises one event of a type, so the strategy's revision names it
        "event_id": derived_id(MessageId, record.strategy_id, record.revision, event_type),
        "occurred_at": at,
        # the client's journey is the flow
        "correlation_id": CorrelationId(record.client_id),
        "strategy_id": StrategyId(record.strategy_id),
        "client_id": record.client_id,
    }


def drafted_event(record: StrategyRecord, at: datetime) -> StrategyDrafted:
    return StrategyDrafted(status=record.status, validation_errors=tuple(validation_errors(record.plan)),
                           **_common(record, "StrategyDrafted", at))


def decided_event(record: StrategyRecord, decision: Decision) -> StrategyApproved | StrategyRejected:
    if decision.kind is StrategyDecisionKind.APPROVED:
        return StrategyApproved(**_common(record, "StrategyApproved", decision.decided_at))
    return StrategyRejected(reason=decision.reason or "", **_common(record, "StrategyRejected", decision.decided_at))
