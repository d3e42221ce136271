"""The legacy global session the operator flow runs in: its URL, its engine, its sessions, commit and rollback (§0)."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, timezone

import pytest
from sqlalchemy import inspect, select

from aicmo.core import db as core_db
from backend.db import session as legacy_session_module
from backend.db.models import Base, CampaignRow

pytestmark = [pytest.mark.legacy_internals("orchestration")]


@pytest.fixture
def rebinding() -> Iterator[None]:
    """Let a test point the global engine elsewhere; the previous binding comes back afterwards."""
    previous = legacy_session_module._url_override
    try:
        yield
    finally:
        legacy_session_module.configure(previous)


URLS = [
    (None, None), (None, ""), (None, "sqlite:///from-env.db"), ("sqlite:///override.db", "sqlite:///from-env.db"),
    ("", "sqlite:///from-env.db"), ("sqlite://", None),
]


def test_the_database_url_partitions(rebinding, monkeypatch, snapshot_json):
    """§0: configure()'s URL, else AICMO_DATABASE_URL (an empty one counts as unset), else sqlite:///aicmo.db."""
    table = {}
    for override, env in URLS:
        if env is None:
            monkeypatch.delenv("AICMO_DATABASE_URL", raising=False)
        else:
            monkeypatch.setenv("AICMO_DATABASE_URL", env)
        legacy_session_module.configure(override)
        table[f"override={override!r} env={env!r}"] = legacy_session_module.database_url()
    assert snapshot_json == table


def _row(name: str) -> CampaignRow:
    return CampaignRow(id=f"id-{name}", name=name, created_at=datetime(2026, 1, 15, tzinfo=timezone.utc))


def _engine_facts(engine) -> dict:
    """What the engine was built with, and whether a session of it works from another thread."""
    outcome: dict = {}

    def other_thread() -> None:
        try:
            with engine.connect() as connection:
                outcome["rows"] = len(connection.execute(select(CampaignRow.id)).all())
        except Exception as exc:  # noqa: BLE001 - the failure is what is pinned
            outcome["error"] = type(exc).__name__

    worker = threading.Thread(target=other_thread)
    worker.start()
    worker.join()
    return {
        "url": str(engine.url), "pool": type(engine.pool).__name__,
        "tables": sorted(inspect(engine).get_table_names()), "other_thread": outcome,
    }


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "sqlite:///legacy-file.db"])
def test_the_engine_for_each_kind_of_sqlite_url(url, rebinding, snapshot_json):
    """§0: every legacy table is created on first use; in-memory URLs share one connection (StaticPool); any thread may use it."""
    legacy_session_module.configure(url)
    engine = legacy_session_module.get_engine()
    assert legacy_session_module.get_engine() is engine
    session = legacy_session_module.SessionLocal()
    session.add(_row("threaded"))
    session.commit()
    session.close()
    facts = _engine_facts(engine)
    assert facts["tables"] == sorted(Base.metadata.tables)
    assert snapshot_json == facts


def test_sessions_commit_on_success_and_roll_back_on_error(rebinding, snapshot_json):
    """§0: get_session commits a clean block, rolls back a failing one and re-raises; sessions neither autoflush nor expire."""
    legacy_session_module.configure("sqlite://")
    with core_db.get_session() as session:
        session.add(_row("kept"))
        assert session.autoflush is False and session.expire_on_commit is False
    with pytest.raises(RuntimeError, match="boom"):
        with legacy_session_module.get_session() as failing:
            failing.add(_row("dropped"))
            failing.flush()
            raise RuntimeError("boom")
    reader = core_db.SessionLocal()
    names = [row.name for row in reader.scalars(select(CampaignRow).order_by(CampaignRow.id))]
    unflushed = legacy_session_module.SessionLocal()
    unflushed.add(_row("pending"))
    seen_before_flush = unflushed.scalars(select(CampaignRow.name).where(CampaignRow.name == "pending")).all()  # no autoflush
    assert snapshot_json == {"committed": names, "closed_after_block": not failing.in_transaction(), "pending_seen": seen_before_flush}


def test_reset_and_configure_make_a_new_engine(rebinding):
    """§0: reset() drops the engine (the next session builds it and its tables again); configure() also resets."""
    legacy_session_module.configure("sqlite://")
    first = legacy_session_module.get_engine()
    legacy_session_module.reset()
    assert legacy_session_module._engine is None and legacy_session_module._session_factory is None
    second = legacy_session_module.get_engine()
    assert second is not first
    legacy_session_module.reset()
    legacy_session_module.reset()  # twice is harmless
    legacy_session_module.configure("sqlite:///:memory:")
    assert legacy_session_module._engine is None
    assert str(legacy_session_module.get_engine().url) == "sqlite:///:memory:"
