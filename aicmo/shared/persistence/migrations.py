"""Schemas under Alembic: one migration history per owner (each module, the strangler).

Each owner keeps its revisions in a ``migrations/`` folder of its own package and its version
in a table of its own (``alembic_version_<owner>``, in its PostgreSQL schema), so modules
migrate independently. The folder's ``env.py`` is one call: `run_migrations(MIGRATIONS)`.
Nothing creates tables on open any more: `upgrade` brings a database to the head revision,
and `ensure_current` refuses one that is behind.
"""
from __future__ import annotations

from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Optional

import attrs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, text
from sqlalchemy.schema import BLANK_SCHEMA

from aicmo.shared.modules import MODULES
from aicmo.shared.persistence.engines import safe_url, write_serialized
from aicmo.shared.persistence.module_roles import module_role_ready, prepare_module_role

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

__all__ = [
    "DatabaseNotReady",
    "SchemaMigrations",
    "current_revision",
    "ensure_current",
    "migration_schema",
    "run_migrations",
    "schema_change",
    "schema_drift",
    "upgrade",
]


class DatabaseNotReady(RuntimeError):
    """A database whose tables of some owner are missing or behind its migrations."""


@attrs.frozen
class SchemaMigrations:
    """Where an owner's migrations live and what they must produce."""

    owner: str  # a module name, or "strangler"
    package: str  # the package holding the migrations/ folder, e.g. "aicmo.qc.internal"
    metadata: MetaData  # the tables the head revision must equal (its schema is the owner's)

    @property
    def schema(self) -> str:
        assert self.metadata.schema is not None, f"{self.owner}'s tables name no schema"
        return self.metadata.schema

    @property
    def version_table(self) -> str:
        return f"alembic_version_{self.owner}"

    @property
    def script_location(self) -> Path:
        return Path(str(resources.files(self.package) / "migrations"))

    def config(self, connection: Optional[Connection] = None) -> Config:
        config = Config()
        config.set_main_option("script_location", str(self.script_location))
        config.attributes["migrations"] = self
        config.attributes["connection"] = connection
        return config

    def head(self) -> str:
        head = ScriptDirectory.from_config(self.config()).get_current_head()
        assert head is not None, f"{self.owner} has no migration"
        return head


def _schema_of(migrations: SchemaMigrations, connection: Connection) -> Optional[str]:
    # SQLite has no schemas: the table prefix keeps the owners apart there
    return migrations.schema if connection.dialect.name == "postgresql" else None


def current_revision(engine: Engine, migrations: SchemaMigrations) -> Optional[str]:
    """The owner's revision in that database; None when it was never migrated."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "version_table": migrations.version_table, "version_table_schema": _schema_of(migrations, connection)})
        return context.get_current_revision()


# the key of the advisory lock every migration on a PostgreSQL database takes (any constant will do)
MIGRATION_LOCK = 0x41_49_43_4D_4F


@contextmanager
def schema_change(engine: Engine) -> Iterator[Connection]:
    """One transaction that changes tables, taken by one process at a time.

    Twenty commands started at once on a fresh database would each find a table missing and
    create it (PostgreSQL then fails on its catalogue's unique index; SQLite says "already
    exists"); so what is there is read under a lock held to the commit: SQLite's write lock
    (BEGIN IMMEDIATE), PostgreSQL's transaction-level advisory lock. The one that waited then
    finds the tables made and does nothing.
    """
    with write_serialized(engine).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        yield connection


def upgrade(engine: Engine, migrations: SchemaMigrations, revision: str = "head") -> None:
    """Bring the owner's tables to ``revision``, in one transaction, one process at a time."""
    with schema_change(engine) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{migrations.schema}"'))
        command.upgrade(migrations.config(connection), revision)
        if connection.dialect.name == "postgresql" and migrations.owner in MODULES:
            # the module's role, which its sessions may take to write only this schema
            prepare_module_role(engine, connection, migrations.owner, migrations.schema)


def ensure_current(engine: Engine, migrations: SchemaMigrations) -> None:
    """Refuse a database whose owner's tables are not at the head revision, with the fix."""
    revision, head = current_revision(engine, migrations), migrations.head()
    if revision != head:
        state = "has no tables of" if revision is None else f"is at revision {revision}, not {head}, for"
        raise DatabaseNotReady(
            f"{safe_url(engine.url)} {state} {migrations.owner}: run `aicmo db upgrade --database-url {safe_url(engine.url)}`")
    if engine.dialect.name == "postgresql" and migrations.owner in MODULES and not module_role_ready(engine, migrations.owner, migrations.schema):
        raise DatabaseNotReady(
            f"{safe_url(engine.url)} has no database role for {migrations.owner}: run `aicmo db upgrade --database-url {safe_url(engine.url)}`")


def migration_schema() -> Optional[str]:
    """Inside a revision: the owner's schema on PostgreSQL, None on SQLite (the table prefix keeps owners apart).

    A revision names its tables' schema through this, never literally: SQLite has no schemas,
    and not every Alembic operation goes through the engine's schema translation.
    """
    from alembic import op

    return op.get_context().version_table_schema


def run_migrations(migrations: SchemaMigrations) -> None:
    """The body of an owner's env.py: run its revisions on the connection `upgrade` passes."""
    from alembic import context

    connection = context.config.attributes["connection"]
    if connection is None:
        raise RuntimeError("run migrations through aicmo (aicmo db upgrade), which passes the connection")
    schema = _schema_of(migrations, connection)
    options: dict[str, Any] = {"version_table": migrations.version_table, "version_table_schema": schema}
    context.configure(connection=connection, target_metadata=target_metadata(migrations, connection), **options)
    with context.begin_transaction():
        context.run_migrations()


def target_metadata(migrations: SchemaMigrations, connection: Connection) -> MetaData:
    """The owner's tables as the database holds them: without their schema on SQLite."""
    if connection.dialect.name == "postgresql":
        return migrations.metadata
    plain = MetaData()
    for table in migrations.metadata.tables.values():
        table.to_metadata(plain, schema=None, referred_schema_fn=lambda *_: BLANK_SCHEMA)
    return plain


def schema_drift(engine: Engine, migrations: SchemaMigrations) -> list[Any]:
    """What the owner's migrated tables lack or have beyond its ORM metadata (Alembic's comparison)."""
    from alembic.autogenerate import compare_metadata

    with engine.connect() as connection:
        postgres = connection.dialect.name == "postgresql"

        def own(name: Optional[str], kind: str, parent: Any) -> bool:
            if kind == "schema":
                return not postgres or name == migrations.schema
            if kind == "table":  # other owners' tables and the version table are not this owner's
                return name in {t.name for t in migrations.metadata.tables.values()}
            return True

        context = MigrationContext.configure(connection, opts={
            "include_schemas": postgres, "include_name": own, "compare_type": True,
            "version_table": migrations.version_table, "version_table_schema": _schema_of(migrations, connection)})
        return list(compare_metadata(context, target_metadata(migrations, connection)))
