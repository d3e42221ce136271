"""A subscriber's inbox: each event handled once, however many times the relay delivers it.

The inbox row and the handler's writes commit together in the subscriber's own transaction,
so a redelivery after a crash finds the row and is dropped; two deliveries racing meet the
primary key, and the loser rolls back. A module declares its table with the mixin on its own
Base (``class BillingInboxRow(InboxRow, BillingBase)``).
"""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Callable

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from aicmo.shared.clock import Clock
from aicmo.shared.persistence.types import UtcDateTime

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from aicmo.shared.persistence.relay import PublishedEvent

__all__ = ["InboxRow", "InboxSubscriber"]


class InboxRow:
    """The columns of an inbox table: which subscriber handled which event, when."""

    subscriber: Mapped[str] = mapped_column(String(80), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)


class InboxSubscriber:
    """A subscriber that handles each event once, in its own module's transaction."""

    def __init__(self, name: str, sessions: sessionmaker, row: type[InboxRow],
                 handle: Callable[[Session, PublishedEvent], None], clock: Clock) -> None:
        self.name = name
        self._sessions, self._row, self._handle, self._clock = sessions, row, handle, clock

    def deliver(self, event: PublishedEvent) -> None:
        with self._sessions() as session:
            if session.get(self._row, (self.name, event.event_id)) is not None:
                return  # delivered again after a crash: already handled
            session.add(self._row(subscriber=self.name, event_id=event.event_id, received_at=self._clock.now()))
            self._handle(session, event)
            session.commit()
