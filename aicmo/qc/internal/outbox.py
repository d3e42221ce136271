"""QC's outbox: the integration events a command raises, appended in the command's transaction.

An event is stored only if the evaluation that raised it commits, and never lost if it does;
a relay (aicmo.orchestration) publishes the pending rows later.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from aicmo.qc.internal.tables import QcOutboxRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from aicmo.shared.events import IntegrationEvent

__all__ = ["QcOutbox"]


class QcOutbox:
    """The qc_outbox table on one session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def append(self, event: IntegrationEvent) -> None:
        self._session.add(QcOutboxRow(
            event_id=str(event.event_id),
            event_type=type(event).__name__,
            payload=event.model_dump_json(),
            occurred_at=event.occurred_at,
        ))

    def pending(self) -> list[QcOutboxRow]:
        """The events not yet published, oldest first."""
        query = select(QcOutboxRow).where(QcOutboxRow.published_at.is_(None)).order_by(QcOutboxRow.sequence)
        return list(self._session.scalars(query))
