"""The runtime half of rule 5: a session bound to one module refuses writes to tables the
module does not own, before anything reaches the database.

`before_flush` sees ORM unit-of-work writes (new, changed and deleted objects);
`do_orm_execute` sees statements run through the session (ORM-enabled and Core
insert/update/delete, bulk executemany). The legacy bulk methods (`bulk_save_objects`,
`bulk_*_mappings`) bypass both hooks, so the guarded session class checks them itself (see
module_session.py). Textual SQL, and everything that reaches a connection without the
session, is read where every statement passes: the connection (connection_guard.py).
"""
from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import Table, event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from aicmo.shared.persistence.ownership import OwnershipError, owner_of

__all__ = ["OwnershipViolation", "check_tables", "install_guard", "module_of"]

MODULE_KEY = "aicmo_module"


class OwnershipViolation(RuntimeError):
    """A module's session tried to write a table another module owns (or nobody owns)."""

    def __init__(self, module: str, table: str, owner: str | None, how: str):
        whose = f"owned by {owner}" if owner else "with no owner module"
        super().__init__(f"module {module} may not write {table} ({how}): the table is {whose}")
        self.module, self.table, self.owner, self.how = module, table, owner, how


def module_of(session: Session) -> str | None:
    return session.info.get(MODULE_KEY)


def check_tables(module: str, tables: Iterable[str], how: str) -> None:
    for table in tables:
        try:
            owner: str | None = owner_of(table)
        except OwnershipError:
            owner = None
        if owner != module:
            raise OwnershipViolation(module, table, owner, how)


def _mapped_tables(instance: Any) -> list[str]:
    from sqlalchemy import inspect

    mapper = inspect(instance).mapper
    return [t.name for t in mapper.tables if isinstance(t, Table)]


def _before_flush(session: Session, flush_context: UOWTransaction, instances: Any) -> None:
    module = module_of(session)
    if module is None:
        return
    for instance in session.new:
        check_tables(module, _mapped_tables(instance), "insert")
    for instance in session.dirty:
        if session.is_modified(instance, include_collections=False):
            check_tables(module, _mapped_tables(instance), "update")
    for instance in session.deleted:
        check_tables(module, _mapped_tables(instance), "delete")


def _written_tables(state: ORMExecuteState) -> list[str]:
    statement = state.statement
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(statement, "table", None)
        name = getattr(table, "name", None)
        return [name] if name else []
    return []


def _do_orm_execute(state: ORMExecuteState) -> None:
    module = module_of(state.session)
    if module is None:
        return
    check_tables(module, _written_tables(state), "statement")


def install_guard(target: Any) -> None:
    """Register both hooks on a Session class, sessionmaker or session."""
    if not event.contains(target, "before_flush", _before_flush):
        event.listen(target, "before_flush", _before_flush)
        event.listen(target, "do_orm_execute", _do_orm_execute)
