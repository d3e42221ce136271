"""Every journey call, three faults: the journey ends complete or fully compensated, never half-written.

For each step of a journey (the intake that fails QC once, so the rewrite and the second
evaluation run too), and each keyed call that is not a step (its idempotency record is its
checkpoint), a fault is planted at its first call:

- raised before the port is called, on every attempt: before the pivot (the invoices) the
  journey ends in error with every completed step compensated; after it, the step is retried
  until it succeeds (the fault gives way after a few attempts) and the journey completes;
- raised once after the port has answered (its effect committed, its checkpoint not written):
  the step's next attempt finds the effect through its idempotency key, the journey completes;
- SIGKILL at that same moment (`test_journey_killed_at_every_step`): resumed, it completes.

"Complete" is checked against a journey that met no fault: the same steps, once each, one
project, three invoices, one package, one zip. "Compensated" is: the project CANCELLED, every
creative DISCARDED, every invoice void, every package withdrawn, every QC result voided, no
zip left where deliveries are read. Each cell is its own journey (its own output folder) on one
database per backend, and is checked by its client's rows. On SQLite and PostgreSQL.
"""
from __future__ import annotations

import json
import signal
from pathlib import Path
from typing import Any, Optional

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from aicmo.cli import app
from aicmo.orchestration.durable.fault_hook import FAULT_ENV
from aicmo.orchestration.durable.ports import ATTEMPTS, KEYED_CALLS, PLAIN_CALLS, RETRY_ENV
from aicmo.orchestration.durable.saga import PIVOT_STEP
from backend.db import session as legacy_session
from tests.databases import database_parameters
from tests.e2e.conftest import EXAMPLES, count_rows, held_then_killed, sigkill, start_held, upgraded_database, wait_until_held

INTAKE = EXAMPLES / "intake_full_funnel_eu.json"  # QC fails once: the rewrite and a second evaluation run

# every step or keyed call of that journey, in the order of its first call, as its record lists them (checked
# against a real journey below)
CALLS = [
    "onboarding.onboard_client", "onboarding.advance_project", "strategy.draft_strategy", "strategy.approve_strategy",
    "production.produce_creatives", "production.build_calendar", "qc.evaluate_creative_set",
    "production.rewrite_creatives", "client_review.open_review", "client_review.simulated_feedback",
    "client_review.record_feedback", "strategy.render_markdown", "onboarding.get_project", "delivery.deliver_package",
    PIVOT_STEP, "billing.issue_proposal", "reporting.generate_report", "clock.now", "retention.assess_retention",
]
# the keyed calls that are not steps (ports.KEYED_CALLS): attempted and failing as steps do, exactly-once through
# their idempotency records, listed in the record through the next step's checkpoint
KEYED = ["onboarding.advance_project", "strategy.draft_strategy", "strategy.approve_strategy", "client_review.open_review",
         "client_review.record_feedback", "billing.issue_proposal", "reporting.generate_report", "retention.assess_retention"]
# the port calls that are not steps (ports.PLAIN_CALLS): they fail as steps do, and record nothing
PLAIN = ["onboarding.check_intake", "strategy.get_strategy", "production.get_creative_set"]
AFTER_PIVOT = CALLS[CALLS.index(PIVOT_STEP) + 1:]
# the calls that write: a kill between their commit and their checkpoint (or their return) is the moment that matters
WRITING = [s for s in CALLS if s.split(".")[1].startswith(
    ("onboard", "advance", "draft", "approve", "produce", "evaluate", "rewrite", "open", "record", "deliver", "issue",
     "generate", "assess"))]


@pytest.fixture(scope="module", params=database_parameters())
def matrix_url(request, postgres, tmp_path_factory):
    """One database per backend for every cell (each cell's journey is its own client)."""
    yield from upgraded_database(request.param, postgres, tmp_path_factory.mktemp("matrix"))


def run(url: str, out_dir: Path, *extra: str, fault: Optional[str] = None, monkeypatch=None) -> tuple[int, str, Optional[dict]]:
    """`aicmo run` in this process with a planted fault; exit code, stderr, the JSON result when it completed."""
    if fault is not None:
        monkeypatch.setenv(FAULT_ENV, fault)
    monkeypatch.setenv(RETRY_ENV, "0.01")
    legacy_session.configure(None)
    result = CliRunner().invoke(app, ["run", str(INTAKE), "--database-url", url, "--out-dir", str(out_dir), "--json",
                                      str(out_dir) + ".json", *extra])
    monkeypatch.delenv(FAULT_ENV, raising=False)
    document = json.loads(Path(str(out_dir) + ".json").read_text()) if result.exit_code == 0 else None
    return result.exit_code, result.stderr, document


def journey_of(url: str, stderr: str) -> dict[str, Any]:
    journey_id = next(line.split()[1] for line in stderr.splitlines() if line.startswith("journey "))
    shown = CliRunner().invoke(app, ["journeys", "show", journey_id, "--database-url", url, "--json"])
    assert 0 == shown.exit_code, shown.stderr
    return json.loads(shown.stdout)


def rows(url: str, client_id: str) -> dict[str, list[Any]]:
    """The client's rows in every table a journey writes, by the column that says whether they are undone."""
    queries = {
        "project": "SELECT project_state FROM cam_campaigns WHERE id = :c",
        "creatives": "SELECT status FROM creative_assets WHERE campaign_id = :c",
        "invoices": "SELECT status FROM billing_invoices WHERE campaign_id = :c",
        "packages": "SELECT status FROM delivery_packages WHERE campaign_id = :c",
        "qc_results": "SELECT voided_at IS NOT NULL FROM qc_results WHERE client_id = :c",
        "reports": "SELECT id FROM report_snapshots WHERE campaign_id = :c",
    }
    qc_results = "qc.qc_results" if url.startswith("postgresql") else "qc_results"
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {name: sorted(connection.execute(text(q.replace("FROM qc_results", f"FROM {qc_results}")), {"c": client_id}).scalars())
                    for name, q in queries.items()}
    finally:
        engine.dispose()


def zips(out_dir: Path) -> list[str]:
    return sorted(p.name for p in out_dir.glob("*.zip")) if out_dir.exists() else []


@pytest.fixture(scope="module")
def clean(matrix_url, tmp_path_factory):
    """A journey that met no fault: its steps and its rows, what every completed cell must equal."""
    monkeypatch = pytest.MonkeyPatch()
    try:
        out_dir = tmp_path_factory.mktemp("clean") / "out"
        code, stderr, document = run(matrix_url, out_dir, monkeypatch=monkeypatch)
        assert 0 == code, stderr
        record = journey_of(matrix_url, stderr)
        return [s["name"] for s in record["steps"]], rows(matrix_url, document["campaign"]["id"])
    finally:
        monkeypatch.undo()
        from aicmo.orchestration.durable.engine import shut_down

        shut_down()


def assert_complete(url: str, record: dict, document: dict, out_dir: Path, clean_run) -> None:
    steps, clean_rows = clean_run[0], dict(clean_run[1])
    assert "SUCCESS" == record["status"]
    names = [s["name"] for s in record["steps"] if s["error"] is None and s["name"] != "DBOS.sleep"]
    assert steps == names  # every step once: none repeated, none skipped
    found = rows(url, document["campaign"]["id"])
    assert len(clean_rows.pop("reports")) == len(found.pop("reports"))
    assert clean_rows == found  # one project, its creatives, invoices, package and QC results, in the same states
    assert 1 == len(zips(out_dir))


def assert_compensated(url: str, record: dict, out_dir: Path, projects_before: int) -> None:
    assert "ERROR" == record["status"] and "compensated" in record["error"]
    done = [s for s in record["steps"] if s["output"] and isinstance(s["output"], dict) and "action" in s["output"]]
    onboarded = [s for s in record["steps"] if s["name"] == "onboarding.onboard_client" and s["error"] is None]
    if not onboarded:  # nothing was done, nothing is owed: no project was made
        assert [] == done and projects_before == count_projects(url)
        return
    found = rows(url, onboarded[0]["output"]["client_id"])
    assert ["CANCELLED"] == found["project"]
    assert set(found["creatives"]) <= {"DISCARDED"} and set(found["invoices"]) <= {"void"}
    assert set(found["packages"]) <= {"withdrawn"} and set(found["qc_results"]) <= {True}
    assert [] == found["reports"] and [] == zips(out_dir)
    assert [s["output"]["action"] for s in done] == sorted_newest_first(done)


def sorted_newest_first(done: list[dict]) -> list[str]:
    order = ["withdraw_package", "void_invoices", "void_result", "discard_creatives", "cancel_project"]
    return sorted((s["output"]["action"] for s in done), key=order.index)


def count_projects(url: str) -> int:
    return count_rows(url, "cam_campaigns")


def test_the_matrix_covers_every_step_of_the_journey(matrix_url, clean):
    """Planted: a step added to the journey and missing here would go untested."""
    steps, _ = clean
    assert CALLS == list(dict.fromkeys(steps))
    assert set(PLAIN) == PLAIN_CALLS and not PLAIN_CALLS & set(steps)
    assert set(KEYED) == KEYED_CALLS and set(KEYED) <= set(CALLS)


@pytest.mark.parametrize("call", PLAIN)
def test_a_plain_call_that_keeps_failing(call, matrix_url, clean, tmp_path, monkeypatch):
    """Not a step, it fails as one: before the pivot the journey is compensated; after it, called again until it answers."""
    projects_before = count_projects(matrix_url)
    after_pivot = call != "onboarding.check_intake"  # the two final reads come after the invoices
    fault = f"before:{call}:{2 * ATTEMPTS}" if after_pivot else f"before:{call}"
    code, stderr, document = run(matrix_url, tmp_path / "out", fault=fault, monkeypatch=monkeypatch)
    record = journey_of(matrix_url, stderr)
    if after_pivot:
        assert 0 == code, stderr
        assert 2 * ATTEMPTS == stderr.count(f"{call} failed"), stderr  # the planted faults fired, each met by a retry
        assert_complete(matrix_url, record, document, tmp_path / "out", clean)
    else:
        assert 1 == code and f"{call} failed" in stderr, stderr
        assert_compensated(matrix_url, record, tmp_path / "out", projects_before)


@pytest.mark.parametrize("step", CALLS)
def test_a_step_that_keeps_failing_before_its_commit(step, matrix_url, clean, tmp_path, monkeypatch):
    """Before the pivot: compensated, newest first. After it: retried until it succeeds, then complete."""
    projects_before = count_projects(matrix_url)
    after_pivot = step in AFTER_PIVOT
    # after the pivot the fault gives way after two failed steps of ATTEMPTS attempts: the journey must not give up
    fault = f"before:{step}:{2 * ATTEMPTS}" if after_pivot else f"before:{step}"
    code, stderr, document = run(matrix_url, tmp_path / "out", fault=fault, monkeypatch=monkeypatch)
    record = journey_of(matrix_url, stderr)
    if after_pivot:
        assert 0 == code, stderr
        if step in KEYED:  # no step records its failures: stderr says each was met by a retry
            assert 2 == stderr.count(f"{step} failed"), stderr
        else:
            assert 2 == sum(1 for s in record["steps"] if s["name"] == step and s["error"])
        assert_complete(matrix_url, record, document, tmp_path / "out", clean)
    else:
        assert 1 == code and f"{step} failed" in stderr, stderr
        assert_compensated(matrix_url, record, tmp_path / "out", projects_before)


@pytest.mark.parametrize("step", CALLS)
def test_a_step_that_fails_once_after_its_commit(step, matrix_url, clean, tmp_path, monkeypatch):
    """The retry finds the committed effect by its key: no second project, creative set, invoice or zip."""
    code, stderr, document = run(matrix_url, tmp_path / "out", fault=f"after:{step}:1", monkeypatch=monkeypatch)
    assert 0 == code, stderr
    assert_complete(matrix_url, journey_of(matrix_url, stderr), document, tmp_path / "out", clean)


def killed_after(steps: list[str], url: str, folder: Path) -> dict[str, str]:
    """Start one `aicmo run` per step, all at once, each held once that step's port has answered and before its
    checkpoint; SIGKILL each there. The journey id per step."""
    started = {step: start_held(["run", str(INTAKE), "--database-url", url, "--out-dir", str(folder / step)],
                                AICMO_TEST_PAUSE_AFTER_STEP=step) for step in steps}
    try:
        journeys = {step: wait_until_held(process, f"paused after {step}") for step, process in started.items()}
    finally:
        returns = [sigkill(process) for process in started.values()]
    assert all(-signal.SIGKILL == code for code in returns)
    return journeys


def test_a_journey_killed_at_every_step_is_resumed_to_completion(matrix_url, clean, tmp_path, monkeypatch):
    """The kill falls between a step's commit and its checkpoint, for each writing step; resumed, the step runs again
    with the same key and finds its effect: every journey completes as the clean one did."""
    half = len(WRITING) // 2  # two waves, so the machine's cores are not asked for a dozen processes at once
    journeys = {**killed_after(WRITING[:half], matrix_url, tmp_path), **killed_after(WRITING[half:], matrix_url, tmp_path)}
    for step, journey_id in journeys.items():
        legacy_session.configure(None)
        result = tmp_path / f"{step}.json"
        resumed = CliRunner().invoke(app, ["journeys", "resume", journey_id, "--database-url", matrix_url, "--json", str(result)])
        assert 0 == resumed.exit_code, (step, resumed.stderr)
        record = journey_of(matrix_url, f"journey {journey_id}")
        assert_complete(matrix_url, record, json.loads(result.read_text()), tmp_path / step, clean)


def test_a_journey_killed_while_compensating_finishes_its_compensation(matrix_url, clean, tmp_path, monkeypatch):
    """Delivery keeps failing; the process dies as it is about to cancel the project, the last compensation.
    Resumed, the compensations already done are not run again and the last one runs: fully compensated."""
    args = ["run", str(INTAKE), "--database-url", matrix_url, "--out-dir", str(tmp_path / "out")]
    with held_then_killed(args, None, "paused before cam.cancel_project", **{FAULT_ENV: "before:delivery.deliver_package",
                          "AICMO_TEST_PAUSE_BEFORE_STEP": "cam.cancel_project"}) as journey_id:
        pass
    half_done = journey_of(matrix_url, f"journey {journey_id}")
    assert "PENDING" == half_done["status"]
    client_id = next(s["output"]["client_id"] for s in half_done["steps"] if s["name"] == "onboarding.onboard_client")
    assert ["DELIVERED"] != rows(matrix_url, client_id)["project"] != ["CANCELLED"]

    legacy_session.configure(None)
    resumed = CliRunner().invoke(app, ["journeys", "resume", journey_id, "--database-url", matrix_url])
    assert 1 == resumed.exit_code and "compensated" in resumed.stderr, resumed.stderr
    record = journey_of(matrix_url, f"journey {journey_id}")
    names = [s["name"] for s in record["steps"]]
    assert 1 == names.count("production.discard_creatives") == names.count("cam.cancel_project")
    assert_compensated(matrix_url, record, tmp_path / "out", count_projects(matrix_url))
