"""onboarding under shadow, as a user runs it: every example's comparisons matched, on SQLite and PostgreSQL.

(With onboarding on `new`, every example's journey is legacy's byte for byte —
tests/e2e/test_new_paths_match_legacy.py — which, as the journey reads the project back after
delivery (Q-24) and legacy strategy, client review and delivery write the project row, is also
the proof that their writes were taken in.)
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
