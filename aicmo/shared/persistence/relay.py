"""The outbox relay: a module's committed outbox rows, published once each, in order, in process.

Each event is read, handed to every subscriber, then marked published: three short steps, no
transaction held while the subscribers work in theirs (on an SQLite file a held read would keep
their writes waiting for ever). A crash between delivering and marking (or a subscriber that
raises) leaves the row pending: the next run publishes it again, first, so the order holds and
nothing is lost — and each subscriber's inbox (inbox.py) drops the copy it has already handled.
Publishing is therefore at least once, and handling exactly once. Two relays of one module may
both deliver the oldest pending event; the inboxes make that harmless too.
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any, Mapping, Protocol, Sequence

import attrs
from sqlalchemy import select, update

from aicmo.shared.clock import Clock

if TYPE_CHECKING:
    from sqlalchemy.orm import sessionmaker

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
        while (event := self._oldest_pending()) is not None:
            for subscriber in self._subscribers:
                subscriber.deliver(event)
            self._mark_published(event)
            published += 1
        return published

    def _oldest_pending(self) -> PublishedEvent | None:
        row = self._row
        with self._sessions() as session:
            found = session.scalars(select(row).where(row.published_at.is_(None)).order_by(row.sequence).limit(1)).first()
            if found is None:
                return None
            return PublishedEvent(self.module, found.sequence, found.event_id, found.event_type,
                                  json.loads(found.payload), found.occurred_at)

    def _mark_published(self, event: PublishedEvent) -> None:
        row = self._row
        with self._sessions() as session:
            session.execute(update(row).where(row.sequence == event.sequence, row.published_at.is_(None))
                            .values(published_at=self._clock.now()))
            session.commit()
