"""The test harness, a pytest plugin: makes the legacy code deterministic under test.

Registered through the ``pytest11`` entry point in pyproject.toml, so every test suite of
the repository gets these fixtures without importing anything:

- ``fixed_clock``: freezegun at 2026-01-15T10:00:00Z (or ``@pytest.mark.fixed_clock(ISO)``),
  with ``tick()`` and ``move_to()``; fails the test when freezegun is missing.
- ``seeded_ids``: a seeded ``uuid.uuid4`` (or ``@pytest.mark.seeded_ids(SEED)``); every legacy
  id is minted through that module attribute.
- ``memory_db``: a fresh in-memory SQLite database with every legacy table, bound into the
  legacy global session for one test, the previous binding restored afterwards.
- ``fake_providers``: the fakes of aicmo.legacy_harness.fake_providers installed into legacy.

Legacy modules are imported inside the fixtures, never at plugin load: the plugin loads
before coverage or the mutation runner could point imports elsewhere.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import pytest

from aicmo.legacy_harness.fake_providers import FakeProviders
from aicmo.shared.pinned_time import (
    DEFAULT_INSTANT,
    load_freezegun,
    parse_instant,
    to_naive_utc,
)
from aicmo.shared.seeded_uuid import seeded_uuid4

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

__all__ = ["DEFAULT_ID_SEED", "FrozenClock", "MemoryDatabase", "SeededIds", "legacy_memory_database"]

DEFAULT_ID_SEED = "aicmo-tests"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fixed_clock(instant): the ISO instant fixed_clock starts at")
    config.addinivalue_line("markers", "seeded_ids(seed): the seed of the seeded_ids fixture")


def _marker_arg(request: pytest.FixtureRequest, name: str, default: Any) -> Any:
    marker = request.node.get_closest_marker(name)
    return marker.args[0] if marker and marker.args else default


class FrozenClock:
    """freezegun's frozen time, as legacy reads it; not the Clock port of aicmo.shared.clock."""

    def __init__(self, factory: Any):
        self._factory = factory

    def now(self) -> datetime:
        return datetime.now(timezone.utc)

    def tick(self, delta: timedelta | float = 1.0) -> datetime:
        """Move forward by ``delta`` (a timedelta or seconds)."""
        self._factory.tick(delta if isinstance(delta, timedelta) else timedelta(seconds=delta))
        return self.now()

    def move_to(self, target: datetime | str) -> datetime:
        """Jump to ``target`` (a datetime, naive taken as UTC, or an ISO text)."""
        moment = parse_instant(target) if isinstance(target, str) else target
        self._factory.move_to(to_naive_utc(moment))
        return self.now()


@pytest.fixture
def fixed_clock(request: pytest.FixtureRequest) -> Iterator[FrozenClock]:
    """datetime.now / date.today frozen at the default instant (or the marker's)."""
    freezegun = load_freezegun()  # raises FreezegunMissing: never a silent real clock
    raw = _marker_arg(request, "fixed_clock", DEFAULT_INSTANT)
    instant = parse_instant(raw) if isinstance(raw, str) else raw
    with freezegun.freeze_time(to_naive_utc(instant)) as factory:
        yield FrozenClock(factory)


class SeededIds:
    """A seeded ``uuid4`` that remembers what it issued."""

    def __init__(self, seed: str):
        self.issued: list[str] = []
        self.reseed(seed)

    def reseed(self, seed: str) -> None:
        self.seed = seed
        self._next = seeded_uuid4(seed)

    def __call__(self) -> uuid.UUID:
        value = self._next()
        self.issued.append(str(value))
        return value


@pytest.fixture
def seeded_ids(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> SeededIds:
    """uuid.uuid4 replaced by a seeded generator for the test."""
    ids = SeededIds(_marker_arg(request, "seeded_ids", DEFAULT_ID_SEED))
    monkeypatch.setattr(uuid, "uuid4", ids)
    return ids


class MemoryDatabase:
    """The in-memory database behind the legacy global session during one test."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def session(self) -> Session:
        """A new session of the legacy global session factory (the one legacy code uses)."""
        from backend.db.session import SessionLocal

        return SessionLocal()

    def tables(self) -> list[str]:
        from backend.db.models import Base

        return sorted(Base.metadata.tables)

    def rows(self, table: str, session: Session | None = None) -> list[dict[str, Any]]:
        """Every row of a legacy table as a dict, ordered by id.

        Pass the session that holds uncommitted (flushed) work: the in-memory engine has one
        shared connection, and reading through a second checkout would roll that work back.
        """
        from sqlalchemy import select

        from backend.db.models import Base

        model = Base.metadata.tables[table]
        query = select(model).order_by(model.c.id)
        if session is not None:
            return [dict(row._mapping) for row in session.execute(query)]
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def dump(self, session: Session | None = None) -> dict[str, list[dict[str, Any]]]:
        """Every legacy table with its rows (see ``rows`` for ``session``)."""
        return {table: self.rows(table, session) for table in self.tables()}


@contextmanager
def legacy_memory_database() -> Iterator[MemoryDatabase]:
    """Bind the legacy global session to a fresh in-memory database; restore the old URL after."""
    from backend.db import session as legacy_session

    previous = legacy_session._url_override
    legacy_session.configure("sqlite://")  # StaticPool: one shared in-memory database
    try:
        yield MemoryDatabase(legacy_session.get_engine())
    finally:
        legacy_session.configure(previous)  # disposes the in-memory engine too


@pytest.fixture
def memory_db() -> Iterator[MemoryDatabase]:
    """A fresh in-memory SQLite bound into backend.db.session for the test."""
    with legacy_memory_database() as database:
        yield database


@pytest.fixture
def fake_providers(monkeypatch: pytest.MonkeyPatch) -> FakeProviders:
    """Fake LLM, e-mail and payment providers installed into legacy, recording every call."""
    from backend.llm import client as llm_client
    from backend.services import billing
    from backend.services.cam import outreach

    fakes = FakeProviders()
    # legacy keeps its client in a module global; monkeypatch puts the previous one back
    monkeypatch.setattr(llm_client, "_client", llm_client.LLMClient([fakes.llm]))
    monkeypatch.setattr(outreach, "EMAIL_SENDER", fakes.email)
    monkeypatch.setattr(billing, "record_payment", fakes.payments.wrap(billing.record_payment))
    return fakes
