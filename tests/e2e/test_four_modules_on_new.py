"""onboarding, strategy, production and qc on their new paths: the journey legacy gives, byte for byte.

For every example intake, on SQLite and on PostgreSQL: `aicmo run INTAKE --reproducible --json`
with the four modules on `new` prints the very JSON the all-legacy run prints, and leaves the
legacy tables — `cam_campaigns` (the project record's legacy view), `creative_assets` (the
creatives') and every other one legacy readers read — exactly as the legacy run left them. Each
run starts on an empty database of its backend. The corpus intakes are run the same way by the
pins through the ports, whose `via:migrated=new` configuration puts every migrated module on
`new` at once against the snapshots legacy wrote (printed JSON, files, DTOs, legacy tables).
"""
from __future__ import annotations

import json

import pytest
from sqlalchemy import MetaData, select

from aicmo.shared.persistence.engines import engine_for, forget_engine
from tests.databases import database_parameters, migrated_database
from tests.e2e.conftest import EXAMPLES

NEW = ("onboarding", "strategy", "production", "qc")
ON_NEW = tuple(arg for module in NEW for arg in ("--route", f"{module}=new"))
# what legacy code reads and writes; the new implementations' own tables are compared by their pins
LEGACY_TABLES = ("cam_campaigns", "cam_leads", "cam_outreach_attempts", "cam_replies", "creative_assets",
                 "delivery_packages", "billing_invoices", "report_metrics", "report_snapshots", "retention_assessments")

EXAMPLE_INTAKES = [pytest.param(path, id=path.stem) for path in sorted(EXAMPLES.glob("intake_*.json"))]


def legacy_tables(url: str) -> dict[str, list[tuple]]:
    """Every row of the legacy tables, in a stable order, as comparable tuples."""
    engine = engine_for(url)
    metadata = MetaData()
    metadata.reflect(engine, only=LEGACY_TABLES)
    with engine.connect() as connection:
        tables = {name: sorted(tuple(map(repr, row)) for row in connection.execute(select(metadata.tables[name])))
                  for name in LEGACY_TABLES}
    forget_engine(url)
    return tables


@pytest.fixture(params=database_parameters())
def empty_database(request, postgres, workdir):
    """A function giving an empty, migrated database of the backend for each run."""
    made = []

    def fresh() -> str:
        if request.param == "sqlite":
            made.append(f"sqlite:///{workdir / f'run{len(made)}.db'}")
            return made[-1]
        database = next(migrated_database("postgresql", postgres))  # emptied for every call
        return database.url

    return fresh


def journey(aicmo, url: str, intake, *routes: str) -> tuple[str, dict]:
    result = aicmo("run", intake, "--reproducible", "--json", "-", "--out-dir", "out", "--database-url", url, *routes)
    assert 0 == result.exit_code, result.output
    return result.stdout, legacy_tables(url)


def assert_same_journey(aicmo, empty_database, intake) -> None:
    legacy_output, legacy_rows = journey(aicmo, empty_database(), intake)
    new_output, new_rows = journey(aicmo, empty_database(), intake, *ON_NEW)
    assert json.loads(legacy_output)  # a real journey, not two empty outputs
    assert legacy_rows["cam_campaigns"] and legacy_rows["creative_assets"]
    assert new_output == legacy_output
    for table in LEGACY_TABLES:
        assert new_rows[table] == legacy_rows[table], table


@pytest.mark.parametrize("intake", EXAMPLE_INTAKES)
def test_every_example_journey_is_the_legacy_one_with_four_modules_on_new(aicmo, empty_database, intake):
    assert_same_journey(aicmo, empty_database, intake)
