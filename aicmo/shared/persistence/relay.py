"""The outbox relay: a module's committed outbox rows, published once each, in order, in process.

Each event is handed to every subscriber and then marked published, in one transaction per
event. A crash between the two (or a subscriber that raises) leaves the row pending: the next
run publishes it again, first, so the order holds and nothing is lost — and each subscriber's
inbox (inbox.py) drops the copy it has already handled. Publishing is therefore at least once,
and handling exactly once.
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any, Mapping, Protocol, Sequence

import attrs
from sqlalchemy import select

from aicmo.shared.clock import Clock

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from aicmo.shared.persistence.outbox import OutboxRow

__all__ = ["OutboxRelay", "PublishedEvent", "Subscriber"]


@attrs.frozen
class PublishedEvent:
    """An integration event as subscribers receive it."""

    module: str
    sequence: int  # the order within the module
    event_id: str
    event_type: str
    payload: Mapping[str, Any]
    occurred_at: datetime


class Subscriber(Protocol):
    """An in-process consumer of integration events; its name keys its inbox."""

    name: str

    def deliver(self, event: PublishedEvent) -> None: ...


class OutboxRelay:
    """Publishes one module's outbox to its subscribers."""

    def __init__(self, module: str, sessions: sessionmaker, row: type[OutboxRow], subscribers: Sequence[Subscriber], clock: Clock) -> None:
        self.module = module
        self._sessions, self._row, self._subscribers, self._clock = sessions, row, tuple(subscribers), clock

    def publish_pending(self) -> int:
        """Publish every pending event, oldest first; how many were published.

        A subscriber that raises stops the run with its error, the event still pending.
        """
        published = 0
        while True:
            with self._sessions() as session:
                row = self._oldest_pending(session)
                if row is None:
                    return published
                event = PublishedEvent(self.module, row.sequence, row.event_id, row.event_type,
                                       json.loads(row.payload), row.occurred_at)
                for subscriber in self._subscribers:
                    subscriber.deliver(event)
                self._mark_published(session, row)
            published += 1

    def _oldest_pending(self, session: Session) -> OutboxRow | None:
        row = self._row
        # FOR UPDATE: two relays on PostgreSQL take turns on the oldest row instead of both publishing it
        query = select(row).where(row.published_at.is_(None)).order_by(row.sequence).limit(1).with_for_update()
        return session.scalars(query).first()

    def _mark_published(self, session: Session, row: OutboxRow) -> None:
        row.published_at = self._clock.now()
        session.commit()
