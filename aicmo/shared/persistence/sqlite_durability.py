"""How the SQLite files the application writes reach the disk: a write-ahead log, synced as configured.

An SQLite file the application writes (its database, the workflow engine's system database
beside it) is put in WAL mode (the file keeps it): readers never block the writer, and a commit
is one append to the log instead of a rollback journal created, synced and deleted.

Every connection this process opens to such a file, whoever opens it (the kit's engines,
legacy's global engine, the workflow engine's), then syncs as ``AICMO_SQLITE_SYNCHRONOUS`` says:

- ``NORMAL`` (the default): a commit is written to the log, the log is synced at checkpoints.
  A process killed at any moment (SIGKILL, a crash) loses nothing it committed: the operating
  system has the log. A power cut or a kernel crash can lose the last commits, and it can lose
  them in one file and not the other, e.g. a step's effect in the application's database but
  not its checkpoint, or the reverse.
- ``FULL``: the log is synced at every commit, so a commit survives a power cut too; each commit
  then waits for the disk.

PostgreSQL is not concerned (its own ``synchronous_commit`` stays as the server has it).
"""
from __future__ import annotations

import os
import sqlite3
import threading
from typing import Any, Mapping, Optional

from sqlalchemy import event
from sqlalchemy.pool import Pool

__all__ = ["DEFAULT_SYNCHRONOUS", "LEVELS", "SYNCHRONOUS_ENV", "SqliteSettingError", "keep", "synchronous"]

SYNCHRONOUS_ENV = "AICMO_SQLITE_SYNCHRONOUS"
LEVELS = ("NORMAL", "FULL")
DEFAULT_SYNCHRONOUS = "NORMAL"

_kept: dict[str, str] = {}  # real path of a kept file -> its synchronous level
_lock = threading.Lock()
_installed = False


class SqliteSettingError(ValueError):
    """``AICMO_SQLITE_SYNCHRONOUS`` names no level; the message is the one line a command prints."""


def synchronous(environ: Optional[Mapping[str, str]] = None) -> str:
    """The level every connection to a kept file syncs at: AICMO_SQLITE_SYNCHRONOUS, or the default."""
    raw = (os.environ if environ is None else environ).get(SYNCHRONOUS_ENV, "").strip()
    if not raw:
        return DEFAULT_SYNCHRONOUS
    if raw.upper() not in LEVELS:
        raise SqliteSettingError(f"{SYNCHRONOUS_ENV}='{raw}': expected one of {', '.join(LEVELS)}")
    return raw.upper()


def keep(path: str) -> None:
    """Every connection this process opens from now on to the SQLite file at ``path``: WAL mode, synced at the setting.

    Nothing is opened here (a file that cannot be opened is reported by the engine's first
    connection, as before); a bad setting raises SqliteSettingError.
    """
    global _installed
    level = synchronous()
    with _lock:
        _kept[os.path.realpath(path)] = level
        if not _installed:
            # every pool: legacy's engine and the workflow engine's are built by code that is not ours
            event.listen(Pool, "connect", _on_connect)
            _installed = True


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    file = next((row[2] for row in dbapi_connection.execute("PRAGMA database_list") if row[1] == "main"), "")
    level = _kept.get(os.path.realpath(file)) if file else None
    if level is None:
        return
    if dbapi_connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            dbapi_connection.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError:
            # switching needs the file to itself for a moment; busy (many processes starting at once on
            # a new file), this connection works in the rollback journal and a later one switches
            pass
    dbapi_connection.execute(f"PRAGMA synchronous={level}")
