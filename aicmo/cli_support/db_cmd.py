"""`aicmo db`: bring a database's tables up to date (upgrade) and say where each owner stands (current).

Every owner of tables migrates on its own: the strangler and each module with a new
implementation keep their revisions in their own package and their version in their own
table. Exit codes: 0 done (upgrade) or up to date (current), 1 behind (current), 2 bad input
(a malformed URL, no driver, no server, no database file for `current`).
"""
from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

EXIT_BEHIND = 1
EXIT_BAD_INPUT = 2

app = typer.Typer(help="The application database's tables, under Alembic: upgrade, current.", no_args_is_help=True, add_completion=False,
                  epilog="Examples:\n  aicmo db upgrade\n  aicmo db current")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DatabaseUrl = typer.Option("sqlite:///aicmo.db", "--database-url", envvar="AICMO_DATABASE_URL", help="SQLAlchemy database URL.")


def _fail(message: str, code: int) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


def _engine(url: str, *, must_exist: bool):  # noqa: ANN202 - an Engine, imported lazily
    from aicmo.cli_support.database import DatabaseProblem, existing, reachable

    try:
        return existing(url) if must_exist else reachable(url)
    except DatabaseProblem as exc:
        _fail(str(exc), EXIT_BAD_INPUT)


@app.command()
def upgrade(database_url: str = DatabaseUrl) -> None:
    """Migrate every owner's tables (the strangler's, each new implementation's) to their newest revision.

    Examples:
      aicmo db upgrade
      aicmo db upgrade --database-url postgresql+psycopg://aicmo@db/aicmo
    """
    from aicmo.orchestration.bootstrap import schema_migrations
    from aicmo.shared.persistence import migrations

    engine = _engine(database_url, must_exist=False)
    for owner in schema_migrations():
        before = migrations.current_revision(engine, owner)
        migrations.upgrade(engine, owner)
        after = migrations.current_revision(engine, owner)
        out.print(f"{owner.owner}: {before or 'empty'} -> {after}" if before != after else f"{owner.owner}: at {after}, up to date")
    from aicmo.orchestration.durable.engine import migrate_system_database

    out.print(migrate_system_database(database_url))  # the workflow engine's tables, where journeys are checkpointed


@app.command()
def current(database_url: str = DatabaseUrl) -> None:
    """Each owner's revision in the database against its newest one; exit 1 when any is behind.

    Examples:
      aicmo db current
      aicmo db current --database-url postgresql+psycopg://aicmo@db/aicmo
    """
    from aicmo.orchestration.bootstrap import schema_migrations
    from aicmo.shared.persistence import migrations

    engine = _engine(database_url, must_exist=True)
    table = Table("owner", "schema", "revision", "newest", "state")
    behind = 0
    for owner in schema_migrations():
        revision, head = migrations.current_revision(engine, owner), owner.head()
        state = "up to date" if revision == head else "behind"
        behind += revision != head
        table.add_row(owner.owner, owner.schema, revision or "-", head, state)
    out.print(table)
    if behind:
        _fail(f"{behind} owner(s) behind: run `aicmo db upgrade --database-url {database_url}`", EXIT_BEHIND)
