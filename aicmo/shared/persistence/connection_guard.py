"""The ownership guard where every statement passes: the connection, just before the cursor runs it.

A session's hooks see only what goes through the session; ``session.connection()``,
``exec_driver_sql`` and ``session.get_bind().connect()`` do not. Every one of them ends on a
connection of the engine the module's session is bound to, so the module is given an engine
of its own (the process's engine with the module in its options: same pool) whose
connections check each statement's text before it runs: the tables it writes (sql_writes)
must all be the module's. A statement whose writes cannot be read is refused too.

Given a connection instead of an engine (a shadow run's doomed transaction), the connection
itself is guarded until `unguard` (the end of that run): it is the module's meanwhile. A shadow
worker keeps its connection for the next candidate, which may be another module's.
"""
from __future__ import annotations

from functools import cache
from typing import Any, Callable, Union

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from aicmo.shared.persistence.guard import OwnershipViolation
from aicmo.shared.persistence.ownership import LEGACY_TABLE_OWNERS, OwnershipError, owner_of
from aicmo.shared.persistence.sql_writes import Opaque, TableName, written_tables

__all__ = ["OpaqueStatement", "check_statement", "guard_bind", "unguard"]

GUARDED_MODULE = "aicmo_guarded_module"  # the execution option naming the module an engine belongs to

Bind = Union[Engine, Connection]


class OpaqueStatement(OwnershipViolation):
    """A module's statement whose written tables cannot be read from its text: refused unread."""

    def __init__(self, module: str, sql: str, why: str):
        RuntimeError.__init__(self, f"module {module} may not run {_excerpt(sql)!r}: {why}, so the guard cannot tell which tables it writes")
        self.module, self.table, self.owner, self.how = module, None, None, "opaque SQL"


def _excerpt(sql: str) -> str:
    flat = " ".join(sql.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


def _owner(table: TableName) -> str | None:
    try:
        owner = owner_of(table.name)
    except OwnershipError:
        return None
    # a qualified name must name the schema the owner's table lives in (legacy's: public;
    # SQLite calls its one schema main), or it is some other, unowned table
    homes = {None, "main", "public" if table.name in LEGACY_TABLE_OWNERS else owner}
    return owner if table.schema in homes else None


def check_statement(module: str, sql: str, dialect_name: str) -> None:
    """Refuse ``sql`` unless every table it writes is ``module``'s and its writes can be read."""
    verdict = written_tables(sql, dialect_name)
    if isinstance(verdict, Opaque):
        raise OpaqueStatement(module, sql, verdict.why)
    for table in sorted(verdict.tables, key=str):
        owner = _owner(table)
        if owner != module:
            raise OwnershipViolation(module, str(table), owner, "SQL on its connection")


_LISTENERS: dict[str, Callable[..., None]] = {}  # every module's listener made so far, for `unguard`


@cache
def _listener(module: str) -> Callable[..., None]:
    """One listener per module, so guarding a connection twice registers it once."""

    def before_cursor_execute(conn: Connection, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        check_statement(module, statement, conn.dialect.name)

    _LISTENERS[module] = before_cursor_execute
    return before_cursor_execute


def unguard(connection: Connection) -> None:
    """The connection is no module's any more: a shadow run ended and its connection is kept for the next one."""
    for listener in list(_LISTENERS.values()):
        if event.contains(connection, "before_cursor_execute", listener):
            event.remove(connection, "before_cursor_execute", listener)


def guard_bind(module: str, bind: Bind) -> Bind:
    """``bind`` as ``module`` may use it: each statement on its connections checked before it runs."""
    listener = _listener(module)
    if isinstance(bind, Connection):
        if not event.contains(bind, "before_cursor_execute", listener):
            event.listen(bind, "before_cursor_execute", listener)
        return bind
    # an engine derived by execution_options shares the pool and the parent's listeners; the
    # ones added to it are its own. Made per session factory: it lives as long as the factory
    guarded = bind.execution_options(**{GUARDED_MODULE: module})
    event.listen(guarded, "before_cursor_execute", listener)
    return guarded
