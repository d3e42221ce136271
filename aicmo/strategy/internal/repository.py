"""Strategies in strategy's tables: stored whole, read back by id; absorbed messages beside them (keyed answers: the kit's KeyedAnswers)."""
from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any, Optional

import attrs
from sqlalchemy import select

from aicmo.strategy.api import StrategyDecisionKind, StrategyStatus
from aicmo.strategy.internal.model import Channel, Decision, Plan, PlanKpi, PlanPillar, StrategyRecord
from aicmo.strategy.internal.tables import StrategyDecisionRow, StrategyInboxRow, StrategyRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["StrategyRepository"]

INBOX_SUBSCRIBER = "strategy.legacy_view"


def _plan_json(plan: Plan) -> str:
    return json.dumps(attrs.asdict(plan))


def _plan(text: str) -> Plan:
    data: dict[str, Any] = json.loads(text)
    return Plan(
        executive_summary=data["executive_summary"],
        situation_analysis=data["situation_analysis"],
        strategy_narrative=data["strategy_narrative"],
        pillars=tuple(PlanPillar(**p) for p in data["pillars"]),
        kpis=tuple(PlanKpi(**k) for k in data["kpis"]),
        channels=tuple(Channel(**c) for c in data["channels"]),
        timeline=data["timeline"],
    )


class StrategyRepository:
    """Strategy's records on one session; the unit of work commits."""

    def __init__(self, session: Session) -> None:
        self._session = session
        # The session's identity map holds rows weakly: a row read into a record and dropped is
        # gone, and save() in the same unit of work would query it again. Held for the unit of
        # work's life, save() finds it in the map.
        self._held: dict[str, StrategyRow] = {}

    def get(self, strategy_id: str) -> Optional[StrategyRecord]:
        row = self._session.get(StrategyRow, strategy_id)
        if row is None:
            return None
        self._held[row.id] = row
        return self._record(row)

    def save(self, record: StrategyRecord) -> None:
        """Insert or update the strategy; decisions are only ever appended."""
        row = self._session.get(StrategyRow, record.strategy_id)
        if row is None:
            row = StrategyRow(id=record.strategy_id)
            self._session.add(row)
        row.client_id, row.project_name = record.client_id, record.project_name
        row.brief, row.plan = json.dumps(record.brief), _plan_json(record.plan)
        row.status = record.status.value
        row.previous_status = record.previous_status.value if record.previous_status is not None else None
        row.previous_plan = _plan_json(record.previous_plan) if record.previous_plan is not None else None
        row.revision, row.created_at = record.revision, record.created_at
        # the strategy first: its decisions refer to it, and foreign keys are enforced on both backends
        self._session.flush()
        stored = len(self._decision_rows(record.strategy_id))
        self._session.add_all([
            StrategyDecisionRow(strategy_id=record.strategy_id, ordinal=ordinal, decision=d.kind.value, reason=d.reason,
                                decided_at=d.decided_at, project_note=d.project_note)
            for ordinal, d in enumerate(record.decisions) if ordinal >= stored
        ])
        self._session.flush()

    def absorbed(self, message_id: str) -> bool:
        return self._session.get(StrategyInboxRow, (INBOX_SUBSCRIBER, message_id)) is not None

    def mark_absorbed(self, message_id: str, at: datetime) -> None:
        self._session.add(StrategyInboxRow(subscriber=INBOX_SUBSCRIBER, event_id=message_id, received_at=at))
        self._session.flush()

    def _decision_rows(self, strategy_id: str) -> list[StrategyDecisionRow]:
        query = select(StrategyDecisionRow).where(StrategyDecisionRow.strategy_id == strategy_id)
        return list(self._session.scalars(query.order_by(StrategyDecisionRow.ordinal)))

    def _record(self, row: StrategyRow) -> StrategyRecord:
        return StrategyRecord(
            strategy_id=row.id,
            client_id=row.client_id,
            project_name=row.project_name,
            brief=json.loads(row.brief),
            plan=_plan(row.plan),
            status=StrategyStatus(row.status),
            previous_status=StrategyStatus(row.previous_status) if row.previous_status is not None else None,
            previous_plan=_plan(row.previous_plan) if row.previous_plan is not None else None,
            revision=row.revision,
            decisions=tuple(
                Decision(StrategyDecisionKind(d.decision), d.reason, d.decided_at, d.project_note)
                for d in self._decision_rows(row.id)
            ),
            created_at=row.created_at,
        )
