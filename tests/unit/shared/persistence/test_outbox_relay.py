"""The outbox relay: committed events published once each, in order; a crash republishes and the inbox drops the copy."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import Integer, String, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

from aicmo.shared.clock import FixedClock
from aicmo.shared.events import IntegrationEvent
from aicmo.shared.ids import CorrelationId, MessageId, derived_id
from aicmo.shared.persistence.idempotency import request_fingerprint
from aicmo.shared.persistence.inbox import InboxRow, InboxSubscriber
from aicmo.shared.persistence.outbox import Outbox, OutboxRow
from aicmo.shared.persistence.relay import OutboxRelay

NOW = datetime(2026, 1, 15, 10, 0, tzinfo=timezone.utc)


class KitBase(DeclarativeBase):
    """Tables of this test only, in the default schema of the test's database."""


class SenderOutboxRow(OutboxRow, KitBase):
    __tablename__ = "kit_sender_outbox"


class ReceiverInboxRow(InboxRow, KitBase):
    __tablename__ = "kit_receiver_inbox"


class ReceivedRow(KitBase):
    """What the receiver did with each event: one row per event handled."""

    __tablename__ = "kit_received"
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_type: Mapped[str] = mapped_column(String(80))


class Ticked(IntegrationEvent):
    number: int


@pytest.fixture
def sessions(database):
    KitBase.metadata.drop_all(database.engine)
    KitBase.metadata.create_all(database.engine)
    yield sessionmaker(bind=database.engine)
    KitBase.metadata.drop_all(database.engine)


def raise_events(sessions, *numbers: int) -> None:
    """Each event in its own committed transaction, as a module's unit of work raises them."""
    for number in numbers:
        with sessions() as session:
            Outbox(session, SenderOutboxRow).append(Ticked(
                event_id=derived_id(MessageId, "tick", number), occurred_at=NOW + timedelta(seconds=number),
                correlation_id=derived_id(CorrelationId, "flow"), number=number))
            session.commit()


def receiver(sessions, seen: list[int]) -> InboxSubscriber:
    def handle(session, event):
        seen.append(event.payload["number"])
        session.add(ReceivedRow(number=event.payload["number"], event_type=event.event_type))

    return InboxSubscriber("receiver", sessions, ReceiverInboxRow, handle, FixedClock(NOW))


def relay(sessions, *subscribers) -> OutboxRelay:
    return OutboxRelay("sender", sessions, SenderOutboxRow, subscribers, FixedClock(NOW))


def received(sessions) -> list[int]:
    with sessions() as session:
        return list(session.scalars(select(ReceivedRow.number).order_by(ReceivedRow.number)))


def pending(sessions) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(SenderOutboxRow).where(SenderOutboxRow.published_at.is_(None)))


def test_committed_events_are_published_once_each_in_order(sessions):
    """Three events, two runs of the relay: delivered 1, 2, 3, once; nothing left pending."""
    seen: list[int] = []
    raise_events(sessions, 1, 2, 3)
    assert 3 == relay(sessions, receiver(sessions, seen)).publish_pending()
    assert 0 == relay(sessions, receiver(sessions, seen)).publish_pending()
    assert ([1, 2, 3], [1, 2, 3], 0) == (seen, received(sessions), pending(sessions))


def test_an_uncommitted_event_is_never_published(sessions):
    """The outbox row of a rolled-back transaction does not exist for the relay."""
    seen: list[int] = []
    with sessions() as session:
        Outbox(session, SenderOutboxRow).append(Ticked(
            event_id=derived_id(MessageId, "tick", 9), occurred_at=NOW, correlation_id=derived_id(CorrelationId, "f"), number=9))
        session.rollback()
    assert (0, []) == (relay(sessions, receiver(sessions, seen)).publish_pending(), seen)


def test_a_crash_between_publishing_and_marking_republishes_and_the_inbox_drops_the_copy(sessions, monkeypatch):
    """Planted crash after the delivery of event 2: the next run delivers 2 again, and 2 is handled once."""
    seen: list[int] = []
    delivered: list[int] = []

    class Counting:
        """Counts every delivery, then hands it to the receiver (which may drop it)."""

        name = "receiver"
        inner = receiver(sessions, seen)

        def deliver(self, event):
            delivered.append(event.payload["number"])
            self.inner.deliver(event)

    raise_events(sessions, 1, 2, 3)
    crashing = relay(sessions, Counting())
    mark = OutboxRelay._mark_published

    def crash_on_the_second(self, event):
        if event.sequence == 2:
            raise SystemExit("killed between publish and mark-as-sent")
        mark(self, event)

    monkeypatch.setattr(OutboxRelay, "_mark_published", crash_on_the_second)
    with pytest.raises(SystemExit):
        crashing.publish_pending()
    monkeypatch.setattr(OutboxRelay, "_mark_published", mark)
    assert 2 == relay(sessions, Counting()).publish_pending()  # 2 (again) and 3
    assert [1, 2, 2, 3] == delivered  # delivered at least once...
    assert [1, 2, 3] == seen == received(sessions)  # ...handled exactly once
    assert 0 == pending(sessions)


def test_an_event_inserted_at_once_commits_or_rolls_back_with_its_transaction(sessions):
    """`Outbox.insert` writes the row by a statement, nothing left to flush: kept on commit, gone on rollback."""
    def tick(number):
        return Ticked(event_id=derived_id(MessageId, "tick", number), occurred_at=NOW,
                      correlation_id=derived_id(CorrelationId, "flow"), number=number)

    with sessions() as session:
        Outbox(session, SenderOutboxRow).insert(tick(1))
        assert not session.new  # written already, not waiting for a flush
        session.rollback()
    with sessions() as session:
        outbox = Outbox(session, SenderOutboxRow)
        outbox.insert(tick(2))
        outbox.insert(tick(3))
        session.commit()
    with sessions() as session:
        assert [("Ticked", 2), ("Ticked", 3)] == [(row.event_type, Ticked.model_validate_json(row.payload).number)
                                                  for row in Outbox(session, SenderOutboxRow).pending()]


def test_a_failing_subscriber_stops_the_relay_and_keeps_the_order(sessions):
    """A subscriber that raises on event 2 leaves 2 and 3 pending; 3 is never delivered before 2."""
    seen: list[int] = []

    class Picky:
        name = "picky"

        def deliver(self, event):
            if event.payload["number"] == 2:
                raise RuntimeError("not now")

    raise_events(sessions, 1, 2, 3)
    with pytest.raises(RuntimeError):
        relay(sessions, receiver(sessions, seen), Picky()).publish_pending()
    assert ([1, 2], 2) == (seen, pending(sessions))  # the receiver got 2, the event stays pending
    assert 2 == relay(sessions, receiver(sessions, seen)).publish_pending()
    assert [1, 2, 3] == received(sessions)


def test_the_fingerprint_tells_requests_apart():
    """Equal requests share a fingerprint; any change of a field gives another."""
    first = Ticked(event_id=derived_id(MessageId, "a"), occurred_at=NOW, correlation_id=derived_id(CorrelationId, "f"), number=1)
    assert request_fingerprint(first) == request_fingerprint(first.model_copy())
    assert request_fingerprint(first) != request_fingerprint(first.model_copy(update={"number": 2}))
