"""PostgreSQL as a user runs it: every example gives the very JSON SQLite gives, qc on legacy or on new.

Each run is reproducible and starts on an empty database of its backend (a fresh SQLite file;
the session's PostgreSQL database, migrated and emptied), so the two outputs must be equal byte
for byte: ids, instants, offsets and all.
"""
from __future__ import annotations

import pytest

from tests.databases import migrated_database
from tests.e2e.conftest import EXAMPLES

INTAKES = sorted(EXAMPLES.glob("intake_*.json"))
ACQUISITION = ("acquire", EXAMPLES / "leads.csv", "--replies", EXAMPLES / "replies.csv", "--campaign", EXAMPLES / "campaign.json")


@pytest.fixture
def on_postgresql(postgres):
    """The URL of an empty, migrated PostgreSQL database (the test is skipped without a server)."""
    for database in migrated_database("postgresql", postgres):
        yield database.url


def both(aicmo, workdir, postgresql_url, *args):
    common = ("--reproducible", "--json", "-")
    sqlite = aicmo(*args, *common, "--database-url", f"sqlite:///{workdir / 'app.db'}")
    postgresql = aicmo(*args, *common, "--database-url", postgresql_url)
    return (sqlite.exit_code, sqlite.stdout), (postgresql.exit_code, postgresql.stdout)


@pytest.mark.parametrize("route", ["qc=legacy", "qc=new"])
@pytest.mark.parametrize("intake", INTAKES, ids=lambda p: p.stem)
def test_every_example_journey_is_byte_identical_on_both_databases(aicmo, workdir, on_postgresql, intake, route):
    """`aicmo run INTAKE --route qc=…`: the same exit code and the same JSON on SQLite and PostgreSQL."""
    sqlite, postgresql = both(aicmo, workdir, on_postgresql, "run", intake, "--route", route, "--out-dir", "out")
    assert 0 == sqlite[0]
    assert sqlite == postgresql


def test_the_example_acquisition_is_byte_identical_on_both_databases(aicmo, workdir, on_postgresql):
    """`aicmo acquire` of the examples, reply offsets included: the same JSON on SQLite and PostgreSQL."""
    sqlite, postgresql = both(aicmo, workdir, on_postgresql, *ACQUISITION)
    assert 0 == sqlite[0]
    assert sqlite == postgresql
