"""Locking the row a change is about, before anything is read: the compare-and-set of a change.

PostgreSQL: the row is created if missing (INSERT ... ON CONFLICT DO NOTHING, which waits for
a concurrent insert of the same key to commit) and then locked with SELECT ... FOR UPDATE, so a
second change of the same module waits, then reads the route the first one committed. SQLite
has no row locks: a change's transaction is opened with BEGIN IMMEDIATE (the sessions of
`aicmo.strangler.schema.strangler_change_sessions`), which takes the database's write lock
before the first read; the insert here, a write, takes it at the latest.

A missing row means "legacy, 100 %", so creating it changes no route; a refused change rolls
it back with everything else.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from aicmo.strangler.routes.states import Route
from aicmo.strangler.routes.tables import KillSwitchRow, ModuleRouteRow

__all__ = ["lock_kill_switch", "lock_module_route"]


def _insert_if_missing(session: Session, table: type, values: dict) -> None:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        statement = postgresql.insert(table).values(**values).on_conflict_do_nothing()
    elif dialect == "sqlite":
        statement = sqlite.insert(table).values(**values).on_conflict_do_nothing()
    else:  # pragma: no cover - the kit opens SQLite and PostgreSQL only
        statement = insert(table).values(**values)
    session.execute(statement)


def lock_module_route(session: Session, module: str, now: datetime) -> ModuleRouteRow:
    """The module's route row, created if missing, locked until the transaction ends, read fresh."""
    _insert_if_missing(session, ModuleRouteRow,
                       {"module": module, "route": Route.LEGACY.value, "rollout_percent": 100, "changed_at": now})
    row = session.get(ModuleRouteRow, module, with_for_update=True, populate_existing=True)
    assert row is not None
    return row


def lock_kill_switch(session: Session, now: datetime) -> KillSwitchRow:
    """The kill switch's single row, created (off) if missing, locked, read fresh."""
    _insert_if_missing(session, KillSwitchRow, {"id": 1, "engaged": False, "changed_at": now})
    row = session.get(KillSwitchRow, 1, with_for_update=True, populate_existing=True)
    assert row is not None
    return row
