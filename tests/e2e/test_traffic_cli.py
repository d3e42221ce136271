"""`aicmo traffic`: many journeys of synthetic intakes, counted as shadow comparisons."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, select, text

from aicmo.shared.persistence.engines import engine_for, forget_engine
from aicmo.strangler.evidence.tables import ShadowComparisonRow
from tests.databases import database_parameters, migrated_database

from tests.e2e.conftest import tree_digest


def count(db, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def test_journeys_on_legacy_record_no_comparison(aicmo, workdir):
    result = aicmo("traffic", "--journeys", 3)
    assert 0 == result.exit_code, result.output
    assert "0 (no module on shadow)" in result.stdout
    assert 3 == count(workdir / "aicmo.db", "select count(*) from delivery_packages")  # a package row per journey, delivered or not


def test_journeys_with_qc_on_shadow_count_their_comparisons_without_changing_the_stored_route(aicmo, workdir):
    result = aicmo("traffic", "--journeys", 5, "--seed", 11, "--route", "qc=shadow")
    assert 0 == result.exit_code, result.output
    comparisons = count(workdir / "aicmo.db", "select count(*) from strangler_shadow_comparisons where matched")
    assert comparisons >= 5
    assert "qc: shadow comparisons" in result.stdout
    assert f"{comparisons} ({comparisons} matched, 0 declared, 0 unexplained)" in result.stdout
    status = aicmo("migrate", "status")
    assert [] == [line for line in status.stdout.splitlines() if line.startswith("│ qc") and "legacy" not in line]


def test_bad_input_exits_2_and_writes_nothing(aicmo, workdir):
    before = tree_digest(workdir)
    for args, message in (
        (("--route", "nope=new"), "nope"),
        (("--database-url", "not a url"), "is not a database URL"),
    ):
        result = aicmo("traffic", "--journeys", 2, *args)
        assert 2 == result.exit_code, result.output
        assert message in result.stderr
    assert before == tree_digest(workdir)


@pytest.fixture(params=database_parameters())
def traffic_database(request, postgres, workdir):
    """An empty, migrated database of each backend, and a counting query on it."""
    if request.param == "sqlite":
        url = f"sqlite:///{workdir / 'traffic.db'}"
    else:
        url = next(migrated_database("postgresql", postgres)).url

    def count_on(query) -> int:
        with engine_for(url).connect() as connection:
            return connection.execute(text(query) if isinstance(query, str) else query).scalar_one()

    yield url, count_on
    forget_engine(url)


def test_acquisitions_of_synthetic_leads_follow_the_journeys_and_count_their_comparisons(aicmo, traffic_database):
    """--acquisitions runs acquisitions of varied leads; billing on shadow compares each converted lead's proposal."""
    url, count_on = traffic_database
    result = aicmo("traffic", "--journeys", 1, "--acquisitions", 2, "--acquisition-leads", 60, "--seed", 5,
                   "--route", "billing=shadow", "--database-url", url)
    assert 0 == result.exit_code, result.output
    assert 120 == count_on("select count(*) from cam_leads")
    assert 2 == count_on("select count(*) from cam_campaigns where kind = 'acquisition'")
    conversions = count_on("select count(*) from cam_campaigns where kind = 'project'") - 1  # the journey's client
    assert conversions >= 1
    assert f"2 (120 leads, {conversions} conversions)" in result.stdout
    # one proposal per journey and per conversion, each compared
    # (the strangler's tables sit in a schema of their own on PostgreSQL: counted through their mapping)
    compared = select(func.count()).select_from(ShadowComparisonRow).where(ShadowComparisonRow.module == "billing")
    assert 1 + conversions == count_on(compared)
