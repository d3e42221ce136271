"""Keyed answers: a repeated key replays the first answer, another request under it conflicts, ids go on after it."""
from __future__ import annotations

import threading
import time
from datetime import datetime, timezone

import pytest
from sqlalchemy import String, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

from aicmo.shared.errors import IdempotencyConflict
from aicmo.shared.persistence.engines import engine_for, forget_engine
from aicmo.shared.persistence.keyed_answers import KeyedAnswerRow, KeyedAnswers
from aicmo.shared.persistence.unit_of_work import UnitOfWork
from aicmo.shared.seeded_uuid import SEEDED, seeded_uuid4

NOW = datetime(2026, 1, 15, 10, 0, tzinfo=timezone.utc)


class KitBase(DeclarativeBase):
    """Tables of this test only, in the default schema of the test's database."""


class KitCommandRow(KeyedAnswerRow, KitBase):
    __tablename__ = "kit_commands"


class KitEffectRow(KitBase):
    """What a command did, written in the same unit of work as its answer."""

    __tablename__ = "kit_effects"
    caller: Mapped[str] = mapped_column(String(20), primary_key=True)


class KitUnitOfWork(UnitOfWork):
    answers: KeyedAnswers[KitCommandRow]

    def _opened(self) -> None:
        self.answers = KeyedAnswers(self.session, KitCommandRow)


@pytest.fixture
def sessions(database, tmp_path):
    """Sessions on the test's database; on SQLite a file, where two writers queue instead of failing at once."""
    engine = engine_for(f"sqlite:///{tmp_path / 'answers.db'}") if database.backend == "sqlite" else database.engine
    KitBase.metadata.drop_all(engine)
    KitBase.metadata.create_all(engine)
    yield sessionmaker(bind=engine)
    KitBase.metadata.drop_all(engine)
    if database.backend == "sqlite":
        forget_engine(str(engine.url))


@pytest.fixture
def seeded():
    """A reproducible run's id sequence for this test, and a second run's of the same seed."""
    def run(seed: str = "keyed-answers"):
        generator = seeded_uuid4(seed)
        SEEDED.set(generator)
        return generator

    token = SEEDED.set(None)
    yield run
    SEEDED.reset(token)


def record(sessions, method: str, key: str, fingerprint: str, answer: str, ids_drawn=None) -> None:
    with KitUnitOfWork(sessions).for_writing() as uow:
        uow.answers.record(method, key, fingerprint, answer, ids_drawn, NOW)
        uow.commit()


def replay(sessions, method: str, key: str, fingerprint: str):
    with KitUnitOfWork(sessions) as uow:
        return uow.answers.replay(method, key, fingerprint)


def stored(sessions) -> list[tuple[str, str, str, str]]:
    with sessions() as session:
        rows = session.scalars(select(KitCommandRow).order_by(KitCommandRow.method, KitCommandRow.idempotency_key))
        return [(r.method, r.idempotency_key, r.request_fingerprint, r.answer) for r in rows]


def test_a_repeated_key_with_the_same_request_replays_the_first_answer(sessions):
    assert None is replay(sessions, "approve", "k1", "f1")
    record(sessions, "approve", "k1", "f1", '{"status": "APPROVED"}')
    assert '{"status": "APPROVED"}' == replay(sessions, "approve", "k1", "f1")
    # keys are per method: the same key names another command's answer, or none
    assert None is replay(sessions, "reject", "k1", "f1")


def test_the_same_key_with_another_request_is_a_conflict_worded_as_on_every_path(sessions):
    record(sessions, "approve", "k1", "f1", "{}")
    with pytest.raises(IdempotencyConflict, match=r"^approve: key 'k1' was used for another request$") as raised:
        replay(sessions, "approve", "k1", "f2")
    assert {"key": "k1"} == raised.value.details


def test_a_replay_goes_on_after_the_ids_its_first_call_had_drawn(sessions, seeded):
    """A continued reproducible run mints after a replay what the uninterrupted run minted after the first call."""
    first = seeded()
    uninterrupted = [first() for _ in range(5)]
    record(sessions, "produce", "k1", "f1", "{}", ids_drawn=3)
    continued = seeded()  # a new process of the same run: nothing drawn yet
    assert "{}" == replay(sessions, "produce", "k1", "f1")
    assert 3 == continued.drawn
    assert uninterrupted[3:] == [continued(), continued()]


def test_a_replay_skips_no_id_outside_a_reproducible_run_or_without_a_count_or_on_a_conflict(sessions, seeded):
    record(sessions, "draft", "none", "f1", "{}", ids_drawn=None)
    record(sessions, "draft", "four", "f1", "{}", ids_drawn=4)
    assert "{}" == replay(sessions, "draft", "four", "f1")  # no reproducible run: nothing to skip, nothing fails
    run = seeded()
    assert "{}" == replay(sessions, "draft", "none", "f1")
    with pytest.raises(IdempotencyConflict):
        replay(sessions, "draft", "four", "f2")
    assert 0 == run.drawn


def _race(sessions, fingerprints: dict[str, str], *, look_first: bool = True) -> dict[str, object]:
    """Callers starting together under one key; each writes its effect and records, the first holds its commit a while."""
    barrier, outcomes = threading.Barrier(len(fingerprints)), {}

    def call(caller: str) -> None:
        barrier.wait(timeout=10)
        try:
            with KitUnitOfWork(sessions).for_writing() as uow:
                earlier = uow.answers.replay("produce", "shared", fingerprints[caller]) if look_first else None
                if earlier is not None:
                    outcomes[caller] = ("replayed", earlier)
                    return
                uow.session.add(KitEffectRow(caller=caller))
                uow.answers.record("produce", "shared", fingerprints[caller], f'"{caller}"', None, NOW)
                time.sleep(0.3)  # the other caller is under way meanwhile
                uow.commit()
                outcomes[caller] = ("recorded", f'"{caller}"')
        except (IdempotencyConflict, IntegrityError) as error:
            outcomes[caller] = (type(error).__name__, None)

    threads = [threading.Thread(target=call, args=(caller,)) for caller in fingerprints]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def _effects(sessions) -> list[str]:
    with sessions() as session:
        return list(session.scalars(select(KitEffectRow.caller)))


def test_two_callers_racing_on_one_key_one_records_the_other_replays_its_answer(sessions):
    outcomes = _race(sessions, {"a": "f", "b": "f"})
    [winner] = [c for c, (how, _) in outcomes.items() if how == "recorded"]
    [loser] = [c for c in outcomes if c != winner]
    assert ("replayed", f'"{winner}"') == outcomes[loser]
    assert ([("produce", "shared", "f", f'"{winner}"')], [winner]) == (stored(sessions), _effects(sessions))


def test_two_callers_racing_on_one_key_with_other_requests_one_records_the_other_conflicts(sessions):
    outcomes = _race(sessions, {"a": "fa", "b": "fb"})
    assert ["IdempotencyConflict", "recorded"] == sorted(how for how, _ in outcomes.values())
    [winner] = [c for c, (how, _) in outcomes.items() if how == "recorded"]
    assert ([("produce", "shared", f"f{winner}", f'"{winner}"')], [winner]) == (stored(sessions), _effects(sessions))


def test_a_caller_that_did_not_look_meets_the_primary_key_and_leaves_nothing_half_written(sessions):
    outcomes = _race(sessions, {"a": "f", "b": "f"}, look_first=False)
    assert ["IntegrityError", "recorded"] == sorted(how for how, _ in outcomes.values())
    [winner] = [c for c, (how, _) in outcomes.items() if how == "recorded"]
    with sessions() as session:
        assert 1 == session.scalar(select(func.count()).select_from(KitCommandRow))
    assert [winner] == _effects(sessions)
