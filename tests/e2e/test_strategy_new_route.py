"""strategy on its new path, as a user runs it: every example journey prints legacy's JSON and writes legacy's files.

`aicmo run INTAKE --reproducible --json - --route strategy=new` against the all-legacy run, each
on an empty database of its backend (a fresh SQLite file; the session's PostgreSQL database,
migrated and emptied): the same bytes, ids, instants and stamps included. Under
`--route strategy=shadow` the answers are legacy's and every comparison matches.
"""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from aicmo.shared.persistence.engines import engine_for
from aicmo.strategy.internal.tables import StrategyRow
from tests.databases import database_parameters, migrated_database
from tests.e2e.conftest import EXAMPLES, tree_digest

INTAKES = sorted(EXAMPLES.glob("intake_*.json"))


def run_on_empty_database(aicmo, workdir, postgres, backend: str, intake, *route: str):
    """The printed JSON, the files written and the strategies strategy stored, of one run on an empty database."""
    for database in migrated_database(backend, postgres):
        url = database.url if backend == "postgresql" else f"sqlite:///{workdir / ('-'.join(route) or 'legacy')}.db"
        result = aicmo("run", intake, "--reproducible", "--json", "-", "--out-dir", "out", "--database-url", url, *route)
        assert 0 == result.exit_code, result.output
        with engine_for(url).connect() as connection:
            stored = connection.scalar(select(func.count()).select_from(StrategyRow))
        return result.stdout, tree_digest(workdir / "out"), stored


@pytest.mark.parametrize("backend", database_parameters())
@pytest.mark.parametrize("intake", INTAKES, ids=lambda p: p.stem)
def test_every_example_journey_on_the_new_strategy_is_byte_identical_to_legacy(aicmo, workdir, postgres, backend, intake):
    legacy_json, legacy_files, _ = run_on_empty_database(aicmo, workdir, postgres, backend, intake)
    new_json, new_files, stored = run_on_empty_database(aicmo, workdir, postgres, backend, intake, "--route", "strategy=new")
    assert 1 == stored  # the new strategy answered, from its own table
    assert (legacy_json, legacy_files) == (new_json, new_files)


def test_the_examples_under_shadow_match_legacy_with_no_unexplained_mismatch(aicmo, workdir):
    """Every example under `--route strategy=shadow` prints legacy's JSON; `aicmo shadow report strategy` shows 0 unexplained."""
    # one database per route, the journeys in the same order: a reproducible run seeds its ids with the projects there
    url, legacy_url = f"sqlite:///{workdir / 'shadow.db'}", f"sqlite:///{workdir / 'legacy.db'}"
    for intake in INTAKES:
        legacy = aicmo("run", intake, "--reproducible", "--json", "-", "--database-url", legacy_url)
        shadowed = aicmo("run", intake, "--reproducible", "--json", "-", "--route", "strategy=shadow", "--database-url", url)
        assert 0 == legacy.exit_code == shadowed.exit_code, shadowed.output
        assert legacy.stdout == shadowed.stdout
    report = aicmo("shadow", "report", "strategy", "--database-url", url)
    assert 0 == report.exit_code, report.output
    row = next(line for line in report.stdout.splitlines() if "strategy" in line and "│" in line)
    compared, matched, _, unexplained, errors = [cell.strip() for cell in row.split("│")[2:7]]
    assert (str(len(INTAKES)), str(len(INTAKES)), "0", "0") == (compared, matched, unexplained, errors)
