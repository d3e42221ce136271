"""Append-only tables: the audit trail and the evidence may be inserted, never changed.

Three layers, because each one alone has a hole: mapper events stop unit-of-work updates and
deletes from any session; the strangler session stops ORM `update()`/`delete()` statements,
which skip the mapper events; and database triggers, installed by the strangler's migrations,
stop whatever reaches the database.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Table, event
from sqlalchemy.orm import ORMExecuteState

from aicmo.strangler.database.base import StranglerSession

__all__ = ["AppendOnly", "AppendOnlyViolation", "append_only_tables", "make_append_only"]


class AppendOnlyViolation(RuntimeError):
    """An attempt to update or delete a row of an append-only table."""


class AppendOnly:
    """Mixin marking a mapped class whose rows are written once."""


def _refuse(how: str, table: str) -> None:
    raise AppendOnlyViolation(f"{table} is append-only: {how} refused")


@event.listens_for(AppendOnly, "before_update", propagate=True)
def _before_update(mapper: Any, connection: Any, target: Any) -> None:
    _refuse("update", mapper.persist_selectable.name)


@event.listens_for(AppendOnly, "before_delete", propagate=True)
def _before_delete(mapper: Any, connection: Any, target: Any) -> None:
    _refuse("delete", mapper.persist_selectable.name)


_append_only_tables: set[str] = set()


@event.listens_for(StranglerSession, "do_orm_execute")
def _statement_guard(state: ORMExecuteState) -> None:
    if state.is_update or state.is_delete:
        table = getattr(getattr(state.statement, "table", None), "name", None)
        if table in _append_only_tables:
            _refuse("update statement" if state.is_update else "delete statement", table)


def make_append_only(table: Table) -> None:
    """Register the statement guard for `table` (its triggers come with the migrations)."""
    _append_only_tables.add(table.name)


def append_only_tables() -> frozenset[str]:
    return frozenset(_append_only_tables)
