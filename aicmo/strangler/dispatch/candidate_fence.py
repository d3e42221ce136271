"""The fence around a shadow candidate: it may write only inside its own doomed transaction.

A candidate is the new implementation run beside legacy; everything it writes must vanish.
Its own connection's transaction is always rolled back, but its collaborators (other modules'
ports, legacy adapters on the legacy global engine) open connections of their own, and a write
there would commit for real (on SQLite it would also wait on the write lock the candidate holds).

So while a thread runs a candidate, every statement any SQLAlchemy engine executes in that
thread is checked before it reaches the database:

- on the candidate's own connection: anything but COMMIT/END (its writes are rolled back with
  the doomed transaction), and the connection itself may not commit;
- on any other connection: reads only (SELECT / WITH without a write, and the transaction
  statements a read needs); any write is refused with `CandidateWriteRefused`;
- once the candidate is abandoned (it ran past its timeout), nothing at all.

The check is per thread, so the caller's own work on other threads is never slowed or refused.
It sees what goes through SQLAlchemy; a candidate that reaches for a raw driver connection is
beyond it (the module's boundaries check keeps new implementations on the kit).
"""
from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from typing import Any, Iterator, Optional

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from aicmo.shared.persistence.sql_writes import Writes, written_tables

__all__ = ["CandidateAbandoned", "CandidateFence", "CandidateWriteRefused", "is_read"]


class CandidateWriteRefused(RuntimeError):
    """A shadow candidate (or a collaborator it called) tried to write outside its doomed transaction."""


class CandidateAbandoned(RuntimeError):
    """A statement of a candidate that was already abandoned (it ran past its timeout)."""


# statements that read, or that a read's transaction needs; everything else is a write
_READ_START = re.compile(r"^\s*(?:select|with|begin|savepoint|release|rollback|show|explain)\b", re.IGNORECASE)
# a read that locks rows would make the caller wait on a candidate: refused as a write is
_LOCKING_READ = re.compile(r"\bfor\s+(?:update|share|no\s+key\s+update|key\s+share)\b", re.IGNORECASE)
_ENDS_TRANSACTION = re.compile(r"^\s*(?:commit|end)\b", re.IGNORECASE)
# SQLite's PRAGMA reads (table_info, ...) but also sets (foreign_keys=OFF): only the reads pass
_PRAGMA_READ = re.compile(r"^\s*pragma\s+[\w.]+\s*(?:\([^)]*\))?\s*;?\s*$", re.IGNORECASE)


def is_read(statement: str, dialect_name: str) -> bool:
    """Whether a statement only reads (a data-modifying WITH or a locking SELECT is not a read).

    What it writes is read by the ownership guard's parser (a write hidden in a comment, a
    writable CTE or an opaque block is not a read); the patterns only narrow what may start
    a read and catch the row locks a parse does not report as writes.
    """
    if _PRAGMA_READ.match(statement):
        return True
    if not _READ_START.match(statement) or _LOCKING_READ.search(statement):
        return False
    verdict = written_tables(statement, dialect_name)
    return isinstance(verdict, Writes) and not verdict.tables


def _first_words(statement: str) -> str:
    return " ".join(statement.split()[:6])


class CandidateFence:
    """One candidate run: its own connection, and whether it was abandoned."""

    _current = threading.local()

    def __init__(self, module: str) -> None:
        self.module = module
        self.connection: Optional[Connection] = None
        self.abandoned = False

    @classmethod
    def current(cls) -> Optional["CandidateFence"]:
        return getattr(cls._current, "fence", None)

    @contextmanager
    def guarding(self, connection: Connection) -> Iterator[None]:
        """Guard every statement of this thread while the candidate runs on `connection`."""
        _install_listeners()
        self.connection = connection
        self._current.fence = self
        try:
            yield
        finally:
            self._current.fence = None

    def owns(self, connection: Connection) -> bool:
        own = self.connection
        return own is not None and (connection is own or connection.connection.dbapi_connection is own.connection.dbapi_connection)

    def check_statement(self, connection: Connection, statement: str) -> None:
        if self.abandoned:
            raise CandidateAbandoned(f"shadow {self.module}: the candidate was abandoned; refused {_first_words(statement)!r}")
        if self.owns(connection):
            if _ENDS_TRANSACTION.match(statement):
                raise CandidateWriteRefused(f"shadow {self.module}: the candidate may not end its doomed transaction")
            return
        if not is_read(statement, connection.dialect.name):
            raise CandidateWriteRefused(
                f"shadow {self.module}: the candidate and its collaborators may only read outside its rolled-back "
                f"transaction; refused {_first_words(statement)!r}")

    def check_commit(self, connection: Connection) -> None:
        if self.abandoned or self.owns(connection):
            raise CandidateWriteRefused(f"shadow {self.module}: the candidate's transaction is never committed")


def _before_cursor_execute(connection: Connection, cursor: Any, statement: str, *rest: Any) -> None:
    fence = CandidateFence.current()
    if fence is not None:
        fence.check_statement(connection, statement)


def _on_commit(connection: Connection) -> None:
    fence = CandidateFence.current()
    if fence is not None:
        fence.check_commit(connection)


_install_lock = threading.Lock()


def _install_listeners() -> None:
    """Listen on every engine (the Engine class), once per process, on the first candidate run."""
    with _install_lock:
        if not event.contains(Engine, "before_cursor_execute", _before_cursor_execute):
            event.listen(Engine, "before_cursor_execute", _before_cursor_execute)
            event.listen(Engine, "commit", _on_commit)
