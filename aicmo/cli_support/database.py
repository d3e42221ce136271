"""Opening the application database for a command: migrated first, checked current, or refused.

Commands that write (demo, run, acquire, traffic, the route changes) may migrate an embedded
SQLite database themselves, a fresh file included; a PostgreSQL database is migrated only by
`aicmo db upgrade`. Read-only commands (status, reports) never create or migrate anything: a
missing file or tables that are missing or behind are one line, exit 2. So are a malformed
URL, a missing driver and a server that does not answer.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import sessionmaker

__all__ = [
    "DatabaseProblem",
    "existing",
    "for_reading",
    "for_writing",
    "reachable",
    "strangler_for_reading",
    "strangler_for_writing",
]


class DatabaseProblem(Exception):
    """The database cannot serve the command; the message is the one line to print."""


def is_sqlite(url: str) -> bool:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from aicmo.shared.persistence.engines import normalize_url

    try:
        return make_url(normalize_url(url)).get_backend_name() == "sqlite"
    except ArgumentError:
        raise DatabaseProblem(f"--database-url: '{url}' is not a database URL") from None


def _prepare(url: str, *, upgrade: bool) -> "Engine":
    from aicmo.orchestration import bootstrap
    from aicmo.shared.persistence.engines import DatabaseUnavailable
    from aicmo.shared.persistence.migrations import DatabaseNotReady

    try:
        return bootstrap.prepare_database(url, upgrade=upgrade)
    except (DatabaseUnavailable, DatabaseNotReady) as exc:
        raise DatabaseProblem(str(exc)) from None


def for_writing(url: str) -> "Engine":
    """The database of a command that writes: an SQLite one migrated here, any other checked."""
    return _prepare(url, upgrade=is_sqlite(url))


def _require_file(url: str) -> None:
    from aicmo.shared.persistence.engines import sqlite_file

    path = sqlite_file(url) if is_sqlite(url) else None
    if path and not Path(path).is_file():
        raise DatabaseProblem(f"no database at {path}: run a journey there first, or `aicmo db upgrade --database-url {url}`")


def for_reading(url: str) -> "Engine":
    """The database of a read-only command: it must exist and be migrated; nothing is created."""
    _require_file(url)
    return _prepare(url, upgrade=False)


def reachable(url: str) -> "Engine":
    """The database's engine, connected once (a new SQLite file is created): for `aicmo db upgrade`."""
    from aicmo.shared.persistence.engines import DatabaseUnavailable, check_reachable, engine_for

    is_sqlite(url)  # a malformed URL is bad input before anything else
    try:
        engine = engine_for(url)
        check_reachable(engine)
    except DatabaseUnavailable as exc:
        raise DatabaseProblem(str(exc)) from None
    return engine


def existing(url: str) -> "Engine":
    """An existing database's engine, whatever its tables: for `aicmo db current`."""
    _require_file(url)
    return reachable(url)


def strangler_for_writing(url: str) -> "sessionmaker":
    from aicmo.strangler.schema import strangler_sessions

    return strangler_sessions(for_writing(url))


def strangler_for_reading(url: str) -> "sessionmaker":
    from aicmo.strangler.schema import strangler_sessions

    return strangler_sessions(for_reading(url))
