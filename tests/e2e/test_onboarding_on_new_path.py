"""onboarding on its new path, as a user runs it: every example gives the all-legacy JSON, on SQLite and PostgreSQL.

The journey reads the project back after delivery and compares its state (Q-24), and strategy,
client review and delivery, still on legacy, write the project row onboarding's sync keeps: so
an identical output is also the proof that their writes were taken in. Each run is
reproducible and starts on an empty database; the all-legacy JSON is the same on both backends
(test_postgresql_matches_sqlite.py), so it is produced once, on SQLite. Under shadow, the
candidate answers every comparison alike.
"""
from __future__ import annotations

import pytest

from tests.databases import migrated_database
from tests.e2e.conftest import EXAMPLES

INTAKES = sorted(EXAMPLES.glob("intake_*.json"))


@pytest.fixture
def on_postgresql(postgres):
    """The URL of an empty, migrated PostgreSQL database (the test is skipped without a server)."""
    for database in migrated_database("postgresql", postgres):
        yield database.url


def run(aicmo, intake, url: str, *routes: str):
    result = aicmo("run", intake, "--reproducible", "--json", "-", "--out-dir", "out",
                   "--database-url", url, *(arg for route in routes for arg in ("--route", route)))
    return result.exit_code, result.stdout


@pytest.mark.parametrize("intake", INTAKES, ids=lambda p: p.stem)
def test_every_example_journey_with_onboarding_on_new_is_byte_identical_to_legacy(aicmo, workdir, on_postgresql, intake):
    """`aicmo run INTAKE --route onboarding=new`: the all-legacy run's exit code and JSON, on each backend."""
    legacy = run(aicmo, intake, f"sqlite:///{workdir / 'legacy.db'}")
    assert 0 == legacy[0]
    assert legacy == run(aicmo, intake, f"sqlite:///{workdir / 'new.db'}", "onboarding=new")
    assert legacy == run(aicmo, intake, on_postgresql, "onboarding=new")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_examples_under_shadow_show_no_unexplained_mismatch(aicmo, workdir, request, backend):
    """Every example with onboarding on shadow, one database: each comparison matched."""
    url = f"sqlite:///{workdir / 'shadow.db'}" if backend == "sqlite" else request.getfixturevalue("on_postgresql")
    for intake in INTAKES:
        assert 0 == run(aicmo, intake, url, "onboarding=shadow")[0]
    report = aicmo("shadow", "report", "onboarding", "--database-url", url)
    assert 0 == report.exit_code, report.output
    row = next(line for line in report.stdout.splitlines() if "onboarding" in line and "│" in line)
    compared, matched, _declared, unexplained, errors = [cell.strip() for cell in row.split("│")[2:7]]
    assert (str(len(INTAKES)), str(len(INTAKES)), "0", "0") == (compared, matched, unexplained, errors)
