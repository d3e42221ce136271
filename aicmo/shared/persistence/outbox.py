"""A module's outbox: the integration events a command raises, stored in the command's transaction.

An event is kept only if the work that raised it commits, and never lost if it does; the
relay (relay.py) publishes the committed rows later, in order. A module declares its table
with the mixin on its own Base (``class QcOutboxRow(OutboxRow, QcBase)``).
"""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Generic, Optional, TypeVar

from sqlalchemy import Integer, String, Text, insert, select
from sqlalchemy.orm import Mapped, mapped_column

from aicmo.shared.persistence.types import UtcDateTime

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from aicmo.shared.events import IntegrationEvent

__all__ = ["Outbox", "OutboxRow"]


class OutboxRow:
    """The columns of an outbox table; ``sequence`` is the publishing order within the module."""

    sequence: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    event_type: Mapped[str] = mapped_column(String(80))
    payload: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    published_at: Mapped[Optional[datetime]] = mapped_column(UtcDateTime, nullable=True)


R = TypeVar("R", bound=OutboxRow)


def _columns(event: IntegrationEvent) -> dict[str, object]:
    return {"event_id": str(event.event_id), "event_type": type(event).__name__,
            "payload": event.model_dump_json(), "occurred_at": event.occurred_at}


class Outbox(Generic[R]):
    """One module's outbox table on one session; the unit of work commits."""

    def __init__(self, session: Session, row: type[R]) -> None:
        self._session, self._row = session, row

    def append(self, event: IntegrationEvent) -> None:
        """Keep the event with the objects the session flushes at commit."""
        self._session.add(self._row(**_columns(event)))

    def insert(self, event: IntegrationEvent) -> None:
        """Write the event now, by one Core INSERT in the session's transaction (its guard sees it).

        For a unit of work that writes its own rows by statements: with nothing left to flush,
        its commit skips the ORM's flush; the event still commits or rolls back with the rest.
        """
        self._session.execute(insert(self._row.__table__), _columns(event))

    def pending(self) -> list[R]:
        """The events not yet published, oldest first."""
        row = self._row
        return list(self._session.scalars(select(row).where(row.published_at.is_(None)).order_by(row.sequence)))
