"""onboarding on its new path, as a user runs it: every example gives the all-legacy JSON, on SQLite and PostgreSQL.

The journey reads the project back after delivery and compares its state (Q-24), and strategy,
client review and delivery, still on legacy, write the project row onboarding's sync keeps: so
an identical output is also the proof that their writes were taken in. Each run is
reproducible and starts on an empty database of its backend; under shadow, the candidate
answers every comparison alike.
"""
from __future__ import annotations

import pytest

from tests.databases import TestDatabase, copy_of, database_parameters, drop, migrated_database
from tests.e2e.conftest import EXAMPLES

INTAKES = sorted(EXAMPLES.glob("intake_*.json"))


@pytest.fixture(params=database_parameters())
def two_databases(request, postgres, workdir):
    """Two empty databases of one backend: one for the all-legacy run, one for onboarding on new."""
    if request.param == "sqlite":
        yield tuple(TestDatabase("sqlite", f"sqlite:///{workdir / name}.db") for name in ("legacy", "new"))
        return
    for database in migrated_database("postgresql", postgres):
        copy = copy_of(database, workdir)
        try:
            yield database, copy
        finally:
            drop(copy)


def run(aicmo, intake, database: TestDatabase, *routes: str):
    result = aicmo("run", intake, "--reproducible", "--json", "-", "--out-dir", "out",
                   "--database-url", database.url, *(arg for route in routes for arg in ("--route", route)))
    return result.exit_code, result.stdout


@pytest.mark.parametrize("intake", INTAKES, ids=lambda p: p.stem)
def test_every_example_journey_with_onboarding_on_new_is_byte_identical_to_legacy(aicmo, two_databases, intake):
    """`aicmo run INTAKE --route onboarding=new`: the all-legacy run's exit code and JSON."""
    on_legacy, on_new = two_databases
    legacy = run(aicmo, intake, on_legacy)
    assert 0 == legacy[0]
    assert legacy == run(aicmo, intake, on_new, "onboarding=new")


def test_the_examples_under_shadow_show_no_unexplained_mismatch(aicmo, two_databases):
    """Every example with onboarding on shadow, one database: each comparison matched."""
    database = two_databases[0]
    for intake in INTAKES:
        assert 0 == run(aicmo, intake, database, "onboarding=shadow")[0]
    report = aicmo("shadow", "report", "onboarding", "--database-url", database.url)
    assert 0 == report.exit_code, report.output
    row = next(line for line in report.stdout.splitlines() if "onboarding" in line and "│" in line)
    compared, matched, _declared, unexplained, errors = [cell.strip() for cell in row.split("│")[2:7]]
    assert (str(len(INTAKES)), "0", "0") == (matched, unexplained, errors)
    assert compared == matched
