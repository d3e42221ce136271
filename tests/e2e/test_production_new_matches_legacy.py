"""production on its new path, as a user runs it: every example journey prints the JSON all-legacy prints.

Each run is reproducible and starts on an empty database of its backend (a fresh SQLite file;
the session's PostgreSQL database, migrated and emptied), so the outputs must be equal byte for
byte: the nine creative ids minted in legacy's order, the captions, the statuses legacy
delivery wrote on the rows (absorbed), and every later module's output over the legacy view.
With qc on new too, qc's legacy view writes its columns onto the rows production's sync made.
"""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from tests.databases import database_parameters, migrated_database
from tests.e2e.conftest import EXAMPLES, count_rows

INTAKES = sorted(EXAMPLES.glob("intake_*.json"))
ROUTES = {
    "legacy": (),
    "production=new": ("--route", "production=new"),
    "production=new,qc=new": ("--route", "production=new", "--route", "qc=new"),
}


def creative_assets(url: str) -> list[tuple]:
    """Every creative_assets row, every column: the legacy view the journey's legacy readers read."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(r) for r in connection.execute(text("SELECT * FROM creative_assets ORDER BY campaign_id, position, id"))]
    finally:
        engine.dispose()


@pytest.fixture(params=database_parameters())
def empty_database(request, postgres, workdir):
    """A function giving the URL of an empty, migrated database of the test's backend, for each run."""
    runs = iter(range(len(ROUTES)))

    def fresh() -> str:
        if request.param == "sqlite":
            return f"sqlite:///{workdir / f'run-{next(runs)}.db'}"
        return next(migrated_database("postgresql", postgres)).url  # the session's database, emptied

    return fresh


@pytest.mark.parametrize("intake", INTAKES, ids=lambda p: p.stem)
def test_every_example_journey_is_byte_identical_with_production_on_new(aicmo, empty_database, intake):
    """`aicmo run INTAKE --route production=new [--route qc=new]`: the same exit code and JSON as all-legacy, and
    the same creative_assets rows afterwards (the legacy view, every writer's columns)."""
    outputs, views = {}, {}
    for name, routes in ROUTES.items():
        url = empty_database()
        run = aicmo("run", intake, "--reproducible", "--json", "-", "--out-dir", "out", *routes, "--database-url", url)
        outputs[name] = (run.exit_code, run.stdout)
        assert 0 == run.exit_code, f"{name}: {run.output[-2000:]}"
        # production's own table: the new path ran (and only there)
        table = "production_creatives" if url.startswith("sqlite") else "production.production_creatives"
        assert (name != "legacy") == (count_rows(url, table) > 0), name
        views[name] = creative_assets(url)
    assert outputs["legacy"] == outputs["production=new"] == outputs["production=new,qc=new"]
    assert views["legacy"] == views["production=new"] == views["production=new,qc=new"]
    assert views["legacy"]
