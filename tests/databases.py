"""The databases a test runs on: SQLite, and PostgreSQL whenever a server answers.

A test that asks for the ``database`` fixture runs once per backend, each time on a database
of its own that nothing else sees:

- SQLite: a named in-memory database (every engine of the URL shares it), gone with the test;
- PostgreSQL: one throwaway database per test session, created on the server that
  ``AICMO_TEST_POSTGRES`` names (default: the local server) and dropped at the end; each
  test starts with every table emptied.

Without a server the PostgreSQL runs are skipped, saying why; with
``AICMO_TEST_REQUIRE_POSTGRES=1`` (CI) a silent server fails them instead.
``AICMO_TEST_BACKENDS=postgresql`` (or sqlite) runs the database tests on one backend only.
"""
from __future__ import annotations

import itertools
import os
import uuid
from dataclasses import dataclass
from typing import Iterator, Optional

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError

from aicmo.orchestration.durable.system_database import SYSTEM_SCHEMA
from aicmo.shared.persistence.engines import SCHEMAS, engine_for, forget_engine

__all__ = ["BACKENDS", "POSTGRES_ENV", "REQUIRE_ENV", "TestDatabase", "ThrowawayPostgres"]

POSTGRES_ENV = "AICMO_TEST_POSTGRES"
REQUIRE_ENV = "AICMO_TEST_REQUIRE_POSTGRES"
BACKENDS_ENV = "AICMO_TEST_BACKENDS"  # e.g. "postgresql": run the database tests on that backend only
DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BACKENDS = ("sqlite", "postgresql")
_names = itertools.count()


@dataclass(frozen=True)
class TestDatabase:
    """One test's database: its backend and the URL every engine of the test opens."""

    __test__ = False  # not a test class, whatever its name

    backend: str
    url: str

    @property
    def engine(self) -> Engine:
        return engine_for(self.url)


def sqlite_database() -> TestDatabase:
    """A named in-memory SQLite database, shared by every engine on its URL while one is open."""
    name = f"aicmo_test_{os.getpid()}_{next(_names)}"
    return TestDatabase("sqlite", f"sqlite:///file:{name}?mode=memory&cache=shared&uri=true")


class ThrowawayPostgres:
    """A database of its own on a PostgreSQL server, for one test session."""

    def __init__(self, server_url: str) -> None:
        self.server_url = server_url
        self.name = f"aicmo_test_{uuid.uuid4().hex[:12]}"
        self.url = make_url(server_url).set(database=self.name).render_as_string(hide_password=False)

    @classmethod
    def start(cls) -> Optional["ThrowawayPostgres"]:
        """The throwaway database, created; None when no server answers (and none is required) or none is wanted."""
        if "postgresql" not in chosen_backends():
            return None
        server = os.environ.get(POSTGRES_ENV, DEFAULT_SERVER)
        database = cls(server)
        try:
            database._admin("CREATE DATABASE {name}")
        except OperationalError as exc:
            if os.environ.get(REQUIRE_ENV) == "1":
                raise RuntimeError(f"{REQUIRE_ENV}=1 but the PostgreSQL server at {server} does not answer: {exc.orig}") from None
            return None
        return database

    def stop(self) -> None:
        forget_engine(self.url)
        self._admin("DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def empty(self) -> None:
        """Every table of every owner (legacy's and the journeys' too) emptied and its counters reset; the migrated
        schemas, and their version tables, stay.

        DELETE, not TRUNCATE: the tables of a test hold a handful of rows, and TRUNCATE's new
        files cost far more than deleting them.
        """
        engine = engine_for(self.url)
        schemas = ("public", *SCHEMAS, SYSTEM_SCHEMA)  # the journeys' checkpoints too
        with engine.begin() as connection:
            tables = connection.execute(
                text("SELECT schemaname, tablename FROM pg_tables WHERE schemaname = ANY(:schemas) AND tablename NOT LIKE 'alembic_version%' AND tablename <> 'dbos_migrations'"),
                {"schemas": list(schemas)}).all()
            if not tables:
                return
            # replica role: the append-only triggers stand guard against the application, not the test harness
            connection.execute(text("SET LOCAL session_replication_role = replica"))
            for schema, table in tables:
                connection.execute(text(f'DELETE FROM "{schema}"."{table}"'))
            connection.execute(text(
                "SELECT setval(c.oid, 1, false) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind = 'S' AND n.nspname = ANY(:schemas)"), {"schemas": list(schemas)})

    def _admin(self, statement: str) -> None:
        admin = create_engine(self.server_url, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                connection.execute(text(statement.format(name=self.name)))
        finally:
            admin.dispose()


def chosen_backends() -> list[str]:
    """The backends this run tests on: ``AICMO_TEST_BACKENDS``, by default every one."""
    chosen = [b.strip() for b in os.environ.get(BACKENDS_ENV, ",".join(BACKENDS)).split(",") if b.strip()]
    unknown = sorted(set(chosen) - set(BACKENDS))
    if unknown:
        raise ValueError(f"{BACKENDS_ENV} names {', '.join(unknown)}; backends are {', '.join(BACKENDS)}")
    return chosen


def database_parameters() -> list[object]:
    """One parameter per backend (``AICMO_TEST_BACKENDS`` may name fewer); ids ``db:<backend>``.

    The snapshot extension leaves ``db:`` parameters out of snapshot names, as it does the
    route configurations': a pin is the same on every backend unless it says otherwise.
    """
    chosen = chosen_backends()
    # a backend left out is skipped, not dropped: its snapshots stay in use and its evidence unrecorded
    return [pytest.param(backend, id=f"db:{backend}",
                         marks=[] if backend in chosen else [pytest.mark.skip(reason=f"{BACKENDS_ENV}={','.join(chosen)}")])
            for backend in BACKENDS]


def copy_of(database: TestDatabase, folder: "os.PathLike[str]") -> TestDatabase:
    """A copy of a test's database as it stands (its connections are closed first)."""
    from shutil import copyfile

    from aicmo.shared.persistence.engines import sqlite_file

    from backend.db import session as legacy_session  # noqa: I001 - the legacy engine holds connections too

    legacy_session.configure(None)
    forget_engine(database.url)
    path = sqlite_file(database.url)
    if path is not None:
        target = os.path.join(folder, "copy.db")
        copyfile(path, target)
        return TestDatabase("sqlite", f"sqlite:///{target}")
    source = make_url(database.url)
    copy = ThrowawayPostgres(source.set(database="postgres").render_as_string(hide_password=False))
    copy._admin(f"CREATE DATABASE {{name}} TEMPLATE {source.database}")
    return TestDatabase("postgresql", copy.url)


def drop(database: TestDatabase) -> None:
    """Drop a PostgreSQL database made by copy_of (an SQLite copy goes with its folder)."""
    if database.backend == "postgresql":
        forget_engine(database.url)
        url = make_url(database.url)
        admin = ThrowawayPostgres(url.set(database="postgres").render_as_string(hide_password=False))
        admin.name = url.database
        admin._admin("DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _skip_without(postgres: Optional[ThrowawayPostgres]) -> ThrowawayPostgres:
    if postgres is None:
        pytest.skip(f"no PostgreSQL server answers at {os.environ.get(POSTGRES_ENV, DEFAULT_SERVER)} (set {POSTGRES_ENV})")
    return postgres


def blank_database(backend: str, postgres: Optional[ThrowawayPostgres]) -> Iterator[TestDatabase]:
    """A database with no tables at all, on ``backend``, for this test alone."""
    if backend == "sqlite":
        database = sqlite_database()
        try:
            with database.engine.connect():  # held open: the shared in-memory database lives while one is
                yield database
        finally:
            forget_engine(database.url)
        return
    blank = ThrowawayPostgres(_skip_without(postgres).server_url)
    blank._admin("CREATE DATABASE {name}")
    try:
        yield TestDatabase("postgresql", blank.url)
    finally:
        forget_engine(blank.url)
        blank._admin("DROP DATABASE IF EXISTS {name} WITH (FORCE)")


_sqlite_template: Optional[tuple[TestDatabase, object]] = None


def _migrated_sqlite_template() -> TestDatabase:
    """One migrated SQLite database per process, kept open: each test gets a copy of it.

    Running every owner's migrations takes a third of a second; copying the result with
    SQLite's backup API takes a millisecond.
    """
    global _sqlite_template
    if _sqlite_template is None:
        from aicmo.orchestration.bootstrap import prepare_database

        template = sqlite_database()
        keeper = template.engine.connect()  # the shared in-memory database lives while this is open
        prepare_database(template.url, upgrade=True)
        _sqlite_template = (template, keeper)
    return _sqlite_template[0]


def migrated_database(backend: str, postgres: Optional[ThrowawayPostgres]) -> Iterator[TestDatabase]:
    """A database with every owner's tables migrated and no row in any table, on ``backend``."""
    from aicmo.orchestration.bootstrap import prepare_database

    if backend == "sqlite":
        template = _migrated_sqlite_template()
        for database in blank_database(backend, postgres):
            with template.engine.connect() as source, database.engine.connect() as target:
                source.connection.driver_connection.backup(target.connection.driver_connection)
            yield database
        return
    server = _skip_without(postgres)
    prepare_database(server.url, upgrade=True)  # once per session: the next tests find it current
    server.empty()
    yield TestDatabase("postgresql", server.url)
