"""The route tables of one database as the process's snapshot, re-read only when they changed.

Every unit of work needs the routes as they are now: a kill switch engaged by another process
must reach the next journey. Reading three tables through an ORM session per unit of work
costs more than everything else routing does, and the tables change a few times a day. So
the process keeps the last snapshot with the route version it was read at
(`strangler_route_version`, which the database bumps in the transaction of every change to
the route tables) and asks only that version per unit of work: one primary-key read, on a
connection kept for it (in autocommit: it holds no snapshot and no lock between reads).

The version is read before the tables: a change landing in between is then cached under the
old version and re-read on the next check, never missed. Whatever writes the route tables with
the triggers switched off (PostgreSQL's replica role) must bump the version itself.
"""
from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional

from sqlalchemy import event, select
from sqlalchemy.exc import DBAPIError

from aicmo.shared.persistence.engines import is_in_memory
from aicmo.strangler.routes.resolution import RouteSnapshot
from aicmo.strangler.routes.states import Route
from aicmo.strangler.routes.store import load_snapshot
from aicmo.strangler.routes.tables import RouteVersionRow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import sessionmaker

__all__ = ["RouteSnapshots", "route_snapshots"]

_VERSION = select(RouteVersionRow.version).where(RouteVersionRow.id == 1)
_SQLITE_VERSION = "SELECT version FROM strangler_route_version WHERE id = 1"  # SQLite: no schema
_OVERRIDDEN_KEPT = 16  # `--route` variants of one snapshot kept; more are rebuilt each time


class RouteSnapshots:
    """One database's route snapshot, kept while its route version stands still."""

    def __init__(self, engine: "Engine", sessions: "sessionmaker", version: Optional[Callable[[], Any]] = None) -> None:
        self._sessions = sessions
        self._version = version or _version_reader(engine)
        self._lock = threading.Lock()
        self._read_at: Any = None
        self._snapshot: Optional[RouteSnapshot] = None
        self._overridden: dict[frozenset[tuple[str, Route]], RouteSnapshot] = {}
        self.reads = 0  # how many times the tables were read: what the tests watch

    def current(self, overrides: Optional[Mapping[str, Route]] = None) -> RouteSnapshot:
        """The routes as committed now, `overrides` (one run's `--route`) on top.

        The same object while nothing changed, so what was resolved from it can be kept too.
        """
        version = self._version()
        with self._lock:
            # no version row (a database emptied behind the migrations' back): nothing to trust, read each time
            if self._snapshot is None or version is None or version != self._read_at:
                with self._sessions() as session:
                    self._snapshot = load_snapshot(session)
                self._read_at = version
                self._overridden = {}
                self.reads += 1
            snapshot = self._snapshot
            if not overrides:
                return snapshot
            key = frozenset(overrides.items())
            overridden = self._overridden.get(key)
            if overridden is None:
                overridden = snapshot.with_overrides(overrides)
                if len(self._overridden) < _OVERRIDDEN_KEPT:
                    self._overridden[key] = overridden
            return overridden

    def invalidate(self) -> None:
        """Read the tables on the next `current`, whatever the version says."""
        with self._lock:
            self._snapshot = None

    def release(self) -> None:
        """Close the version's kept connection (the engine was disposed of); the next read opens another."""
        close = getattr(self._version, "close", None)
        if close is not None:
            close()


def _version_reader(engine: "Engine") -> Callable[[], Any]:
    """The route version of ``engine``'s database, as cheaply as the database allows."""
    if engine.dialect.name == "sqlite" and not is_in_memory(str(engine.url)):
        return _KeptSqliteConnection(engine)
    if engine.dialect.name == "sqlite":  # in memory: the engine's one connection is the database

        def through_the_pool() -> Any:
            with engine.connect() as connection:
                return connection.execute(_VERSION).scalar()

        return through_the_pool
    return _KeptServerConnection(engine)


class _KeptSqliteConnection:
    """A connection of its own, outside the pool, that only reads the version.

    It runs in autocommit (the engine's connections begin explicitly), so it holds no read
    lock between reads and every read sees the last commit. Reopened in a forked child: a
    SQLite connection must not cross a fork.
    """

    def __init__(self, engine: "Engine") -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._pid = -1
        self._connection: Any = None

    def __call__(self) -> Any:
        with self._lock:
            if self._pid != os.getpid():
                pooled = self._engine.raw_connection()
                pooled.detach()  # ours for good; the pool opens another when it needs one
                self._connection, self._pid = pooled.dbapi_connection, os.getpid()
            row = self._connection.execute(_SQLITE_VERSION).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        with self._lock:
            if self._connection is not None and self._pid == os.getpid():
                self._connection.close()
            self._connection, self._pid = None, -1


class _KeptServerConnection:
    """One connection of the pool kept in autocommit for the version: a single round trip per read.

    A connection the server dropped is replaced once, then the error is the caller's. A forked
    child opens its own and never touches its parent's (whose socket it shares).
    """

    def __init__(self, engine: "Engine") -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._pid = -1
        self._connection: Any = None
        self._inherited: list[Any] = []  # a parent's connection, kept untouched: closing it would speak on its socket

    def __call__(self) -> Any:
        with self._lock:
            if self._pid != os.getpid():
                if self._connection is not None:
                    self._inherited.append(self._connection)
                self._connection, self._pid = None, os.getpid()
            try:
                return self._read()
            except DBAPIError as exc:
                if not exc.connection_invalidated:
                    raise
                self._connection = None
                return self._read()

    def close(self) -> None:
        """Closed for good, not returned: a disposed engine's pool would otherwise keep it open."""
        with self._lock:
            if self._connection is not None and self._pid == os.getpid():
                try:
                    self._connection.invalidate()
                    self._connection.close()
                except Exception:  # a dead connection may complain; it is gone either way
                    pass
            self._connection, self._pid = None, -1

    def _read(self) -> Any:
        if self._connection is None:
            self._connection = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        return self._connection.execute(_VERSION).scalar()


_ATTRIBUTE = "_aicmo_route_snapshots"
_lock = threading.Lock()


def route_snapshots(engine: "Engine", sessions: "sessionmaker") -> RouteSnapshots:
    """The process's `RouteSnapshots` of ``engine``, kept on the engine itself.

    On the engine, not in a registry: it holds the engine (its sessions, its connection), so
    a registry would keep every engine alive; on the engine it goes with it.
    """
    kept = engine.__dict__.get(_ATTRIBUTE)
    if kept is None:
        with _lock:
            kept = engine.__dict__.get(_ATTRIBUTE)
            if kept is None:
                kept = RouteSnapshots(engine, sessions)
                setattr(engine, _ATTRIBUTE, kept)
                # dispose() closes only the pool's idle connections: the kept one would stay open on
                # the server (and keep a database from being dropped or copied as a template)
                event.listen(engine, "engine_disposed", lambda _engine: kept.release())
    return kept
