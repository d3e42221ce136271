"""`aicmo journeys list/show/resume` and the journey id of `aicmo run`, on SQLite and PostgreSQL."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, inspect

from tests.databases import blank_database, database_parameters
from tests.e2e.conftest import EXAMPLES

INTAKE = EXAMPLES / "intake_quick_social_uk.json"


@pytest.fixture(params=database_parameters())
def database_url(request, postgres, aicmo, workdir):
    """An empty database the commands may use: an SQLite file not made yet, or PostgreSQL after `aicmo db upgrade`."""
    if request.param == "sqlite":
        yield f"sqlite:///{workdir / 'aicmo.db'}"
        return
    for database in blank_database("postgresql", postgres):
        assert 0 == aicmo("db", "upgrade", "--database-url", database.url).exit_code
        yield database.url


def listed(aicmo, url: str, *options: str) -> list[dict]:
    result = aicmo("journeys", "list", "--database-url", url, "--json", *options)
    assert 0 == result.exit_code, result.output
    return json.loads(result.stdout)


def test_a_database_without_journeys_lists_none_and_creates_nothing(aicmo, workdir, database_url):
    assert [] == listed(aicmo, database_url)
    assert not (workdir / "aicmo.dbos.db").exists()


def test_run_prints_its_journey_id_on_stderr_only_and_list_show_read_it(aicmo, database_url):
    run = aicmo("run", INTAKE, "--database-url", database_url, "--json", "-")
    assert 0 == run.exit_code, run.output
    journey_id = run.stderr.split()[1]
    assert run.stderr.startswith("journey journey-") and "journey-" not in run.stdout
    [entry] = listed(aicmo, database_url, "--status", "success")
    assert (journey_id, "SUCCESS", "Bloom & Stem") == (entry["id"], entry["status"], entry["brand"])
    shown = aicmo("journeys", "show", journey_id, "--database-url", database_url, "--json")
    steps = json.loads(shown.stdout)["steps"]
    assert "onboarding.onboard_client" == steps[0]["name"] and "retention.assess_retention" in [s["name"] for s in steps]
    assert all(s["completed_ms"] >= s["started_ms"] for s in steps)
    assert json.loads(run.stdout)["campaign"]["id"] == steps[0]["output"]["client_id"]
    table = aicmo("journeys", "show", journey_id, "--database-url", database_url)
    assert 0 == table.exit_code and "billing.issue_milestone_invoices" in table.stdout


def test_the_same_intake_after_its_journey_finished_is_the_next_journey(aicmo, database_url):
    """A second engagement, as a second `aicmo demo` always was: a new journey, a second client."""
    first = aicmo("run", INTAKE, "--database-url", database_url)
    second = aicmo("run", INTAKE, "--database-url", database_url)
    assert (0, 0) == (first.exit_code, second.exit_code)
    ids = [entry["id"] for entry in listed(aicmo, database_url)]
    assert [first.stderr.split()[1], second.stderr.split()[1]] == ids
    assert ids[0].endswith("-0") and ids[1].endswith("-1") and ids[0][:-2] == ids[1][:-2]


@pytest.mark.parametrize("args, message", [
    (["list", "--status", "sleeping"], "--status: 'sleeping' is not one of"),
    (["show", "journey-nope"], "no journey journey-nope"),
    (["resume", "journey-nope"], "no journey journey-nope"),
])
def test_bad_input_is_one_line_and_exit_2(aicmo, database_url, args, message):
    assert 0 == aicmo("run", INTAKE, "--database-url", database_url).exit_code
    result = aicmo("journeys", *args, "--database-url", database_url)
    assert 2 == result.exit_code and message in result.stderr and 1 == len(result.stderr.strip().splitlines())


def test_an_in_memory_database_keeps_no_journeys(aicmo):
    result = aicmo("journeys", "list", "--database-url", "sqlite://")
    assert 2 == result.exit_code and "in-memory database keeps no journeys" in result.stderr


def test_a_finished_journey_is_not_resumed(aicmo, database_url):
    run = aicmo("run", INTAKE, "--database-url", database_url)
    result = aicmo("journeys", "resume", run.stderr.split()[1], "--database-url", database_url)
    assert 1 == result.exit_code and "already finished (SUCCESS)" in result.stderr


def test_a_server_without_the_journeys_tables_is_bad_input_and_nothing_is_written(aicmo, postgres):
    """Planted: the application's owners migrated, the engine's tables not (a database from before journeys)."""
    from aicmo.orchestration import bootstrap
    from aicmo.shared.persistence import migrations
    from aicmo.shared.persistence.engines import engine_for

    for database in blank_database("postgresql", postgres):
        for owner in bootstrap.schema_migrations():
            migrations.upgrade(engine_for(database.url), owner)
        result = aicmo("run", INTAKE, "--database-url", database.url, "--json", "-")
        assert 2 == result.exit_code and "journeys' tables" in result.stderr and "aicmo db upgrade" in result.stderr
        assert 1 == len(result.stderr.strip().splitlines()) and "" == result.stdout
        engine = create_engine(database.url)
        try:
            assert not inspect(engine).has_table("cam_campaigns")  # legacy's tables were not even made
        finally:
            engine.dispose()
