"""Concurrent writers of one natural key: serialising them, and telling a collision apart.

`serialize_on` makes the transactions that write under one key (a creative set, say) run one
after the other, so each reads what the previous one committed: on PostgreSQL a transaction
advisory lock on the key, released at commit or rollback; on SQLite nothing more is needed, the
writing transaction already holds the database's write lock (`UnitOfWork.for_writing`).
`is_unique_violation` recognises the collision a writer that skipped the lock would meet.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["PG_UNIQUE_VIOLATION", "is_unique_violation", "serialize_on"]

PG_UNIQUE_VIOLATION = "23505"


def is_unique_violation(error: BaseException) -> bool:
    """Whether `error` is a unique (or primary) key collision, on PostgreSQL or SQLite."""
    if not isinstance(error, IntegrityError):
        return False
    original = error.orig
    if getattr(original, "sqlstate", None) == PG_UNIQUE_VIOLATION:
        return True
    return "UNIQUE constraint failed" in str(original)


def serialize_on(session: "Session", namespace: str, key: str) -> None:
    """Wait until no other transaction writes under (namespace, key); hold that until this one ends."""
    if session.get_bind().dialect.name == "postgresql":
        # a 64-bit hash of the key: two keys sharing one only wait for each other, never mix data
        session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": f"{namespace}:{key}"})
