"""`aicmo run --queue` and `aicmo worker` refuse bad input in one line, exit 2, with nothing written or queued."""
from __future__ import annotations

import pytest

from tests.databases import blank_database, database_parameters
from tests.e2e.conftest import EXAMPLES, tree_digest

INTAKE = EXAMPLES / "intake_us_sales.json"


def refused(result, *said: str) -> None:
    assert 2 == result.exit_code, result.output
    assert 1 == len(result.stderr.strip().splitlines()), result.stderr
    assert all(s in result.stderr for s in said), result.stderr


@pytest.mark.parametrize("args, said", [
    (["worker", "--database-url", "not a url"], ["--database-url", "not a database URL"]),
    (["worker", "--database-url", "sqlite://"], ["in-memory database keeps no queue"]),
    (["run", INTAKE, "--queue", "--database-url", "not a url"], ["--database-url"]),
    (["run", INTAKE, "--queue", "--database-url", "sqlite://"], ["in-memory database keeps no queue"]),
    (["run", INTAKE, "--queue", "--json", "result.json"], ["--json", "no result yet"]),
    (["run", INTAKE, "--queue", "--legacy-flow"], ["--legacy-flow"]),
], ids=["worker-url", "worker-in-memory", "queue-url", "queue-in-memory", "queue-json", "queue-legacy-flow"])
def test_bad_input_exits_2_and_writes_nothing(aicmo, workdir, args, said):
    refused(aicmo(*args), *said)
    assert {} == tree_digest(workdir)


def test_a_worker_runs_at_least_one_journey_at_once(aicmo, workdir):
    result = aicmo("worker", "--concurrency", "0")
    assert 2 == result.exit_code and "--concurrency" in result.stderr  # the option parser's usage error
    assert {} == tree_digest(workdir)


@pytest.fixture(params=database_parameters())
def unprepared_url(request, postgres, workdir):
    """A database whose tables a worker cannot use: on a server never migrated; for SQLite, whose commands migrate
    their own file, a folder that does not exist."""
    if request.param == "sqlite":
        yield f"sqlite:///{workdir / 'missing' / 'aicmo.db'}"
        return
    for database in blank_database("postgresql", postgres):
        yield database.url


@pytest.mark.parametrize("command", [["worker"], ["run", INTAKE, "--queue"]], ids=["worker", "queue"])
def test_a_database_the_commands_cannot_use_is_bad_input(aicmo, workdir, unprepared_url, command):
    from sqlalchemy import create_engine, inspect

    refused(aicmo(*command, "--database-url", unprepared_url))
    if unprepared_url.startswith("sqlite"):
        assert {} == tree_digest(workdir)
        return
    engine = create_engine(unprepared_url)
    try:
        assert [] == inspect(engine).get_table_names() and "dbos" not in inspect(engine).get_schema_names()
    finally:
        engine.dispose()
