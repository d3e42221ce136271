"""Engines for the new implementations and the strangler: built once per process, per database.

The one place that knows SQLite from PostgreSQL:

- ``postgresql://`` (and ``postgres://``) mean psycopg 3, the driver the project installs;
- every module's tables and the strangler's live in a PostgreSQL schema of their own; on
  SQLite, which has none, the schemas are translated away and the table name's prefix
  (``qc_results``) keeps the modules apart;
- on SQLite, foreign keys are enforced as PostgreSQL enforces them, and the driver's own
  transaction handling is turned off so savepoints work (SQLAlchemy's documented recipe),
  which a shadow run's doomed transaction needs;
- an in-memory SQLite is one shared connection, and never cached: each caller asking for
  ``sqlite://`` gets a database of its own, as a test expects;
- on SQLite, a transaction that will write says so (the ``WRITE_INTENT`` execution option, which
  `UnitOfWork.for_writing` and `write_serialized(engine)` set) and begins IMMEDIATE: it takes the
  write lock before its first read (SQLite's compare-and-set, which route changes and migrations
  need) and waits for it, up to 30 s, instead of failing with "database is locked" when two
  transactions that began as readers both try to write; twenty commands started at once on one
  file can queue that long. PostgreSQL needs no such hint;
- an SQLite file is kept in WAL mode and synced as AICMO_SQLITE_SYNCHRONOUS says, on every
  connection of the process, legacy's too (`sqlite_durability`).

A URL whose driver is missing or whose server does not answer is one `DatabaseUnavailable`,
whose message is the single line a command prints.
"""
from __future__ import annotations

import os
import threading
from typing import Any, Optional

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.pool import StaticPool

from aicmo.shared.modules import MODULES

__all__ = [
    "IN_MEMORY",
    "SQLITE_BUSY_TIMEOUT_S",
    "WRITE_INTENT",
    "SCHEMAS",
    "DatabaseUnavailable",
    "check_reachable",
    "dispose_engines",
    "engine_for",
    "forget_engine",
    "is_in_memory",
    "normalize_url",
    "safe_url",
    "sqlite_file",
    "write_serialized",
]

IN_MEMORY = ("sqlite://", "sqlite:///:memory:")
# a PostgreSQL schema per business module, and one for the migration machinery's own tables
SCHEMAS: tuple[str, ...] = (*MODULES, "strangler")

WRITE_INTENT = "aicmo_write_intent"  # execution option: this connection's next transaction writes
# how long an SQLite writer waits for another's lock: concurrent journeys and route changes queue, they do not fail
SQLITE_BUSY_TIMEOUT_S = 30.0

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


class DatabaseUnavailable(RuntimeError):
    """A database URL that names no usable database: malformed, driver missing, server silent."""


def normalize_url(url: str) -> str:
    """The URL with psycopg 3 as PostgreSQL's driver when none is named, and an SQLite file's path made absolute.

    A relative SQLite path names a file in the current folder at the time of the call; the
    process's engines are keyed by the absolute path, so a later call from another folder
    opens its own file, never the first one's.
    """
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    if url.startswith("sqlite:///") and not url.startswith("sqlite:////") and not url.startswith("sqlite:///file:"):
        path = url[len("sqlite:///"):]
        if path and path != ":memory:":
            url = "sqlite:///" + os.path.abspath(path)
    return url


def is_in_memory(url: str) -> bool:
    return url in IN_MEMORY


def sqlite_file(url: str) -> Optional[str]:
    """The file an SQLite URL opens, or None (another backend, or a database in memory)."""
    parsed = make_url(normalize_url(url))
    if parsed.get_backend_name() != "sqlite" or is_in_memory(url):
        return None
    database = parsed.database or ""
    if parsed.query.get("uri") == "true" and database.startswith("file:"):
        if parsed.query.get("mode") == "memory" or "mode=memory" in database:
            return None
        database = database[len("file:"):].split("?", 1)[0]
    return database or None


def safe_url(url: str | URL) -> str:
    """The URL as it may be printed: a password is masked."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return str(url)


def engine_for(url: str) -> Engine:
    """The process's engine for ``url`` (an in-memory SQLite: a new one each call)."""
    url = normalize_url(url)
    if is_in_memory(url):
        return _build(url)
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = _build(url)
        return engine


def forget_engine(url: str) -> None:
    """Close and drop the process's engine for ``url`` (a test's database that is gone)."""
    with _lock:
        engine = _engines.pop(normalize_url(url), None)
    if engine is not None:
        engine.dispose()


def dispose_engines() -> None:
    """Close every cached engine (tests, and a process that changes databases)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


def check_reachable(engine: Engine) -> None:
    """Connect once; a server that does not answer is a DatabaseUnavailable naming it."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc).splitlines()[0]
        raise DatabaseUnavailable(f"cannot reach {safe_url(engine.url)}: {reason}") from None


def _build(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUnavailable(f"'{url}' is not a database URL (expected sqlite:///FILE or postgresql+psycopg://USER@HOST/DB)") from None
    options: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        options["connect_args"] = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S}
        if is_in_memory(url):
            options["poolclass"] = StaticPool
    try:
        engine = create_engine(parsed, **options)
    except (NoSuchModuleError, ImportError) as exc:
        raise DatabaseUnavailable(f"{safe_url(parsed)}: no database driver for '{parsed.drivername}' ({exc})") from None
    if engine.dialect.name == "sqlite":
        _sqlite_like_a_server(engine)
        _keep_durable(url)
        return engine.execution_options(schema_translate_map={schema: None for schema in SCHEMAS})
    return engine


def _keep_durable(url: str) -> None:
    """A file's connections, legacy's included, in WAL mode and synced as configured (sqlite_durability)."""
    from aicmo.shared.persistence.sqlite_durability import SqliteSettingError, keep

    path = sqlite_file(url)
    if path is None:
        return
    try:
        keep(path)
    except SqliteSettingError as exc:
        raise DatabaseUnavailable(str(exc)) from None


def _sqlite_like_a_server(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite begins and commits on its own, which breaks SAVEPOINT; BEGIN is emitted below
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(WRITE_INTENT, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def write_serialized(engine: Engine) -> Engine:
    """``engine`` whose transactions take the write lock before reading: BEGIN IMMEDIATE on SQLite.

    On PostgreSQL this changes nothing: there the caller locks the rows it changes (SELECT ...
    FOR UPDATE) or takes an advisory lock.
    """
    return engine.execution_options(**{WRITE_INTENT: True})
