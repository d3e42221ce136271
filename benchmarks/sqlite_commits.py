"""Counting the transactions that really commit, per SQLite file, on every connection the process opens.

Installed before any engine connects, a pool listener (every SQLAlchemy engine: the
application's, legacy's global engine, the workflow engine's system database) hooks each new
sqlite3 connection's statement trace. A ``COMMIT`` the driver or SQLAlchemy issues is counted
against the connection's file when the transaction changed rows (``total_changes`` moved since
``BEGIN``): that is a write the disk must take. A commit that only read costs no sync and is
counted apart. Nothing here is typed in: the numbers are what the code under test did.
"""
from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.pool import Pool

__all__ = ["CommitCounter"]


class CommitCounter:
    """Write commits and read-only commits per database file, since the last ``reset()``."""

    def __init__(self) -> None:
        self.writes: Counter[str] = Counter()
        self.reads: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._files: dict[int, str] = {}  # id of a driver connection -> the file it opened

    def file_of(self, dbapi_connection: Any) -> str:
        """The file name a driver connection opened (as counted), '' for one opened before install()."""
        return self._files.get(id(dbapi_connection), "")

    def install(self) -> "CommitCounter":
        event.listen(Pool, "connect", self._on_connect)
        return self

    def reset(self) -> None:
        with self._lock:
            self.writes.clear()
            self.reads.clear()

    def snapshot(self) -> tuple[Counter[str], Counter[str]]:
        with self._lock:
            return Counter(self.writes), Counter(self.reads)

    def _on_connect(self, dbapi_connection: Any, _record: Any) -> None:
        if not isinstance(dbapi_connection, sqlite3.Connection):
            return
        rows = dbapi_connection.execute("PRAGMA database_list").fetchall()
        file = Path(next((r[2] for r in rows if r[1] == "main"), "") or ":memory:").name
        self._files[id(dbapi_connection)] = file
        began = [dbapi_connection.total_changes]

        def trace(statement: str) -> None:
            verb = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
            if verb == "BEGIN":
                began[0] = dbapi_connection.total_changes
            elif verb in ("COMMIT", "END"):
                wrote = dbapi_connection.total_changes != began[0]
                with self._lock:
                    (self.writes if wrote else self.reads)[file] += 1

        dbapi_connection.set_trace_callback(trace)
