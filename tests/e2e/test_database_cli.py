"""The database as a user meets it: `aicmo db upgrade|current`, commands that migrate, commands that never do.

On each backend: a blank database is migrated by `aicmo db upgrade` (and, for an embedded
SQLite file, by the commands that write); read-only commands refuse a database that is missing
or not migrated in one line, exit 2, creating nothing; a URL with no driver or no server is
one line, exit 2, for every command.
"""
from __future__ import annotations

import pytest

from aicmo.orchestration.bootstrap import schema_migrations
from aicmo.shared.persistence import migrations
from tests.e2e.conftest import EXAMPLES

READ_ONLY = (("migrate", "status"), ("migrate", "report"), ("shadow", "report"), ("db", "current"))


def test_upgrade_brings_every_owner_to_its_newest_revision_and_current_says_so(aicmo, blank):
    """Each owner from empty to its head, listed; then `current` exits 0 with every owner up to date."""
    upgraded = aicmo("db", "upgrade", "--database-url", blank.url)
    assert 0 == upgraded.exit_code, upgraded.output
    for owner in schema_migrations():
        assert f"{owner.owner}: empty -> {owner.head()}" in upgraded.stdout
        assert owner.head() == migrations.current_revision(blank.engine, owner)
    current = aicmo("db", "current", "--database-url", blank.url)
    assert 0 == current.exit_code and current.stdout.count("up to date") == len(schema_migrations())
    again = aicmo("db", "upgrade", "--database-url", blank.url)
    assert 0 == again.exit_code and "up to date" in again.stdout


def test_current_exits_1_while_an_owner_is_behind(aicmo, blank):
    """A database never upgraded: every owner is behind, and the line says what to run."""
    current = aicmo("db", "current", "--database-url", blank.url)
    assert 1 == current.exit_code
    assert "behind: run `aicmo db upgrade --database-url" in current.stderr


@pytest.mark.parametrize("command", READ_ONLY, ids=" ".join)
def test_read_only_commands_never_create_a_database(aicmo, workdir, command):
    """No file at the URL: one line, exit 2, and still no file afterwards."""
    result = aicmo(*command, "--database-url", f"sqlite:///{workdir / 'none.db'}")
    assert 2 == result.exit_code
    assert "no database at" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (workdir / "none.db").exists()


@pytest.mark.parametrize("command", READ_ONLY[:3], ids=" ".join)
def test_read_only_commands_never_migrate_a_database(aicmo, blank, command):
    """A blank database of either backend: one line naming the fix, exit 2, and still no tables."""
    result = aicmo(*command, "--database-url", blank.url)
    assert 2 == result.exit_code, result.output
    assert "has no tables of strangler: run `aicmo db upgrade" in result.stderr
    assert [None] == list({migrations.current_revision(blank.engine, owner) for owner in schema_migrations()})


def test_a_journey_migrates_an_embedded_sqlite_file_but_not_postgresql(aicmo, workdir, blank):
    """`aicmo run` prepares a fresh SQLite file itself; a PostgreSQL database must be upgraded first."""
    intake = EXAMPLES / "intake_us_sales.json"
    result = aicmo("run", intake, "--json", "-", "--database-url", blank.url)
    if blank.backend == "sqlite":
        assert 0 == result.exit_code, result.output
        return
    assert 2 == result.exit_code
    assert "has no tables of strangler: run `aicmo db upgrade --database-url" in result.stderr
    assert 0 == aicmo("db", "upgrade", "--database-url", blank.url).exit_code
    assert 0 == aicmo("run", intake, "--json", "-", "--database-url", blank.url).exit_code


@pytest.mark.parametrize("url, says", [
    ("mysql://u@h/db", "no database driver for 'mysql'"),
    ("postgresql://postgres@127.0.0.1:1/nowhere", "cannot reach postgresql+psycopg://postgres@127.0.0.1:1/nowhere"),
    ("not a url", "is not a database URL"),
])
@pytest.mark.parametrize("command", [("db", "upgrade"), ("migrate", "status"), ("shadow", "report"), ("run", str(EXAMPLES / "intake_us_sales.json")),
                                     ("traffic", "--journeys", "1")], ids=lambda c: c[0] + "-" + c[1].split("/")[-1])
def test_a_database_that_cannot_serve_is_one_line_and_exit_2(aicmo, workdir, command, url, says):
    """Every command says what is wrong with the URL in one line, and writes nothing."""
    result = aicmo(*command, "--database-url", url)
    assert 2 == result.exit_code, result.output
    assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert [] == [p for p in workdir.iterdir() if p.name != "out"]
