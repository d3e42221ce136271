"""The strangler's tables as one schema under Alembic, and the way to open them.

`open_database(url)` hands out sessions on the strangler's tables of that database; it never
creates or migrates anything unless asked (``upgrade=True``: `aicmo db upgrade`, and the
commands that may prepare a fresh embedded SQLite file), and refuses a database whose tables
are missing or behind with the one line that says how to fix it.
"""
from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

from aicmo.shared.persistence.engines import check_reachable, engine_for, write_serialized
from aicmo.shared.persistence.migrations import SchemaMigrations, ensure_current, upgrade
from aicmo.strangler.database import StranglerBase, StranglerSession
from aicmo.strangler.evidence import tables as _evidence_tables  # noqa: F401 - the tables join the metadata
from aicmo.strangler.routes import tables as _route_tables  # noqa: F401
from aicmo.strangler.schema import idempotency_records as _idempotency_records  # noqa: F401

__all__ = ["STRANGLER_MIGRATIONS", "open_database", "strangler_change_sessions", "strangler_sessions"]

STRANGLER_MIGRATIONS = SchemaMigrations("strangler", "aicmo.strangler.schema", StranglerBase.metadata)


def strangler_sessions(engine: Engine) -> sessionmaker:
    """Sessions on the strangler's tables of ``engine`` (no check: the caller has one)."""
    return sessionmaker(bind=engine, class_=StranglerSession, expire_on_commit=False)


def strangler_change_sessions(engine: Engine) -> sessionmaker:
    """Sessions for audited changes: on SQLite each transaction holds the write lock from its
    start (BEGIN IMMEDIATE), so a change reads the state no other change can alter before it commits."""
    return strangler_sessions(write_serialized(engine))


def open_database(url: str, *, upgrade_first: bool = False) -> sessionmaker:
    """Sessions on the strangler's tables of ``url``: migrated first, or checked to be current."""
    engine = engine_for(url)
    check_reachable(engine)
    if upgrade_first:
        upgrade(engine, STRANGLER_MIGRATIONS)
    else:
        ensure_current(engine, STRANGLER_MIGRATIONS)
    return strangler_sessions(engine)
