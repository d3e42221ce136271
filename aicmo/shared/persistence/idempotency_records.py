"""Idempotency records that outlive the process: one row per (module, method, key).

A command run under an idempotency key stores its request's fingerprint and its result here,
in the same transaction as its effect: a crash leaves both or neither, so a replay in a new
process either finds the record (and returns the stored result) or finds no effect to repeat.
The table belongs to the strangler (its migration 0005 makes it); the kit defines it once, so
the anti-corruption adapters, which write it through legacy's own session, and the strangler's
migrations agree on it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Optional

from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, UniqueConstraint, bindparam, insert, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Insert, Select

from aicmo.shared.persistence.metadata import owner_metadata
from aicmo.shared.persistence.ownership import register_table
from aicmo.shared.persistence.types import UtcDateTime

__all__ = ["IDEMPOTENCY_RECORDS", "IdempotencyRecord", "add_record", "find_record", "has_records_table", "recorded_results"]

SCHEMA = "strangler"
TABLE = "strangler_idempotency"

IDEMPOTENCY_RECORDS = Table(
    TABLE,
    owner_metadata(SCHEMA),
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("module", String(40), nullable=False),
    Column("method", String(100), nullable=False),
    Column("key", String(200), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("result", JSON, nullable=True),  # None: a command whose answer is "nothing" (convert_reply)
    Column("at", UtcDateTime(), nullable=False),
    # in a reproducible run, how many seeded ids it had drawn once the command ran: a replay skips to there (0006)
    Column("ids_drawn", Integer, nullable=True),
    # the replay's whole guarantee: a second effect under one key cannot commit beside the first
    UniqueConstraint("module", "method", "key"),
)
register_table(TABLE, SCHEMA)


@dataclass(frozen=True)
class IdempotencyRecord:
    fingerprint: str
    result: Any
    ids_drawn: Optional[int] = None


# SQLite has no schemas: there the records are the same table without one. Built once, with bound
# parameters, so a keyed call neither builds a statement nor rewrites a schema name per execution
_SCHEMALESS = IDEMPOTENCY_RECORDS.to_metadata(MetaData(), schema=None)


@functools.cache
def _statements(schemaless: bool) -> tuple[Select[Any], Insert]:
    table = _SCHEMALESS if schemaless else IDEMPOTENCY_RECORDS
    t = table.c
    find = select(t.fingerprint, t.result, t.ids_drawn).where(
        t.module == bindparam("module"), t.method == bindparam("method"), t.key == bindparam("key")
    )
    return find, insert(table)


def has_records_table(connection: Connection) -> bool:
    """Whether the strangler's migrations made the table in this database."""
    schema = None if connection.dialect.name == "sqlite" else SCHEMA
    return inspect(connection).has_table(TABLE, schema=schema)


def find_record(connection: Connection, module: str, method: str, key: str) -> Optional[IdempotencyRecord]:
    find, _ = _statements(connection.dialect.name == "sqlite")
    row = connection.execute(find, {"module": module, "method": method, "key": key}).first()
    return None if row is None else IdempotencyRecord(row.fingerprint, row.result, row.ids_drawn)


def recorded_results(connection: Connection, module: str, methods: tuple[str, ...]) -> list[Any]:
    """The stored results of a module's commands of these methods, oldest first (state a process kept in memory)."""
    t = (_SCHEMALESS if connection.dialect.name == "sqlite" else IDEMPOTENCY_RECORDS).c
    return list(connection.execute(
        select(t.result).where(t.module == module, t.method.in_(methods)).order_by(t.id)
    ).scalars())


def add_record(
    connection: Connection, module: str, method: str, key: str, fingerprint: str, result: Any, ids_drawn: Optional[int] = None
) -> None:
    """Insert the record in the connection's transaction (a unique violation: another run stored it first)."""
    _, add = _statements(connection.dialect.name == "sqlite")
    connection.execute(add, {"module": module, "method": method, "key": key, "fingerprint": fingerprint,
                             "result": result, "at": datetime.now(timezone.utc), "ids_drawn": ids_drawn})
