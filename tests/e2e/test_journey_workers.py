"""Queued journeys and the workers that run them: each queued journey runs once, whoever takes it.

On PostgreSQL two `aicmo worker` processes, each running two journeys at once, share one queue
of 100 journeys of different synthetic intakes; on SQLite (one writer) one worker drains a few. Afterwards every journey
has succeeded once: one client, one delivery and the invoices its result names, per journey,
and no journey was taken by both workers. A worker stopped by SIGTERM mid-journey exits 0 and
leaves the journey pending; the next worker continues it, and it still makes one client.
"""
from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from tests.e2e.conftest import AICMO_PROCESS as COMMAND, EXAMPLES, count_rows as count, hooks_cleared

INTAKE = EXAMPLES / "intake_us_sales.json"


def run_aicmo(folder, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", COMMAND, *args], cwd=folder, env=hooks_cleared(), capture_output=True,
                          text=True, timeout=180)


def start_worker(folder, url: str, *args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", COMMAND, "worker", "--database-url", url, *args], cwd=folder,
                            env=hooks_cleared(**env), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def taken(stderr: str) -> list[str]:
    """The journeys a worker's progress lines say it started."""
    return [line.split()[1] for line in stderr.splitlines() if line.startswith("journey ") and line.split()[2] == "started"]



def finished_journeys(url: str) -> dict[str, dict]:
    """Every journey of the database that succeeded, with its result; fails on any other status."""
    from dbos import DBOSClient

    from aicmo.orchestration.durable.system_database import SYSTEM_SCHEMA, system_database_url

    client = DBOSClient(system_database_url=system_database_url(url), dbos_system_schema=SYSTEM_SCHEMA)
    try:
        statuses = client.list_workflows(load_input=False)
    finally:
        client.destroy()
    assert [] == [(s.workflow_id, s.status) for s in statuses if s.status != "SUCCESS"]
    return {s.workflow_id: s.output for s in statuses}


def enqueue_synthetic(url: str, folder, journeys: int) -> list[str]:
    """Queue ``journeys`` journeys of different synthetic intakes through the Python API (one process); their ids."""
    from aicmo.orchestration import bootstrap
    from aicmo.orchestration.durable.engine import launched_for, shut_down
    from aicmo.orchestration.durable.queue import enqueue_journey
    from aicmo.orchestration.durable.submit import next_journey_id
    from aicmo.orchestration.durable.workflow import journey_request
    from aicmo.orchestration.synthetic_intakes import synthetic_intake_requests

    launched_for(url)
    try:
        ids = []
        for number, request in enumerate(synthetic_intake_requests(11, journeys)):
            intake = bootstrap.intake_requests().intake_from_request(request)
            out_dir = str(folder / "out" / str(number))  # two workers never write one zip at once
            journey_id = next_journey_id(intake, out_dir)
            assert enqueue_journey(journey_id, journey_request(intake, out_dir, url, {}, None, None)) is None
            ids.append(journey_id)
        return ids
    finally:
        shut_down()


def assert_each_ran_once(url: str, ids: list[str]) -> None:
    results = finished_journeys(url)
    assert sorted(ids) == sorted(results)
    clients = {r["campaign"]["id"] for r in results.values()}
    invoices = [i["id"] for r in results.values() for i in r["billing"]["invoices"]]
    assert len(ids) == len(clients) == count(url, "cam_campaigns")
    assert len(ids) == count(url, "delivery_packages")
    assert len(invoices) == len(set(invoices)) == count(url, "billing_invoices")


def test_workers_drain_the_queue_each_journey_once(fresh_database_url, tmp_path):
    """PostgreSQL: two workers running two journeys each at once, 100 journeys; SQLite: one worker, four."""
    url = fresh_database_url
    on_sqlite = url.startswith("sqlite")
    ids = enqueue_synthetic(url, tmp_path, 4 if on_sqlite else 100)
    # on PostgreSQL each worker runs two at once, on threads of its process
    workers = [start_worker(tmp_path, url, "--until-idle", "--concurrency", "1" if on_sqlite else "2")
               for _ in range(1 if on_sqlite else 2)]
    outcomes = [(w.wait(timeout=300), w.communicate()[1]) for w in workers]
    assert [0] * len(workers) == [code for code, _ in outcomes], [err[-800:] for _, err in outcomes]

    by_worker = [taken(err) for _, err in outcomes]
    assert all(by_worker), f"a worker took no journey: {[len(t) for t in by_worker]}"
    assert sorted(ids) == sorted(j for t in by_worker for j in t)  # each taken by one worker, once
    assert_each_ran_once(url, ids)


def test_queued_from_the_command_line_and_queued_again_adds_nothing(fresh_database_url, tmp_path):
    url = fresh_database_url
    idle = run_aicmo(tmp_path, "worker", "--database-url", url, "--until-idle")  # nothing queued yet: it returns at once
    assert 0 == idle.returncode and [] == taken(idle.stderr) and "0 taken" in idle.stderr, idle.stderr

    intakes = [INTAKE, EXAMPLES / "intake_quick_social_uk.json"]
    queued = [run_aicmo(tmp_path, "run", str(i), "--queue", "--database-url", url) for i in intakes]
    assert [0, 0] == [q.returncode for q in queued], [q.stderr for q in queued]
    ids = [q.stderr.split()[1] for q in queued]
    assert all(q.stderr.strip().endswith("queued") for q in queued) and "" == "".join(q.stdout for q in queued)

    again = run_aicmo(tmp_path, "run", str(INTAKE), "--queue", "--database-url", url)
    assert 0 == again.returncode and f"journey {ids[0]} is already queued" in again.stderr
    assert 0 == count(url, "cam_campaigns")  # queued, not run

    # a journey run in its command takes none of the queued ones (the queue is known since the first worker)
    inline = run_aicmo(tmp_path, "run", str(EXAMPLES / "intake_full_funnel_eu.json"), "--database-url", url, "--out-dir", "inline")
    assert 0 == inline.returncode, inline.stderr
    assert 1 == count(url, "cam_campaigns")
    inline_id = inline.stderr.split()[1]

    one = run_aicmo(tmp_path, "worker", "--database-url", url, "--max-journeys", "1")
    assert 0 == one.returncode and 1 == len(taken(one.stderr)), one.stderr
    drained = run_aicmo(tmp_path, "worker", "--database-url", url, "--until-idle")
    assert 0 == drained.returncode, drained.stderr
    assert sorted(ids) == sorted(taken(one.stderr) + taken(drained.stderr))
    assert_each_ran_once(url, [*ids, inline_id])
    assert (tmp_path / "out").is_dir()  # the folder the submitter named, wherever the worker runs


def test_a_worker_stopped_mid_journey_leaves_it_pending_for_the_next(fresh_database_url, tmp_path):
    url = fresh_database_url
    submitted = run_aicmo(tmp_path, "run", str(INTAKE), "--queue", "--database-url", url)
    assert 0 == submitted.returncode, submitted.stderr
    journey_id = submitted.stderr.split()[1]

    worker = start_worker(tmp_path, url, "--grace", "0.5", AICMO_TEST_PAUSE_BEFORE_STEP="billing.issue_milestone_invoices",
                          AICMO_TEST_PAUSE_SECONDS="120")
    seen = []
    try:
        for line in worker.stderr:
            seen.append(line)
            if line.startswith("paused before billing.issue_milestone_invoices"):
                break
        else:
            pytest.fail(f"the journey never reached its invoices: {''.join(seen)[-800:]}")
        started = time.monotonic()
        worker.send_signal(signal.SIGTERM)
        assert 0 == worker.wait(timeout=30)
        assert time.monotonic() - started < 15  # it did not wait for the paused journey
    finally:
        worker.kill()
        worker.wait(timeout=30)
    said = "".join(seen) + worker.stderr.read()
    assert "1 left pending for the next worker" in said, said[-800:]
    assert (1, 1) == (count(url, "cam_campaigns"), count(url, "billing_invoices"))  # the delivery's invoice only

    continued = run_aicmo(tmp_path, "worker", "--database-url", url, "--until-idle")
    assert 0 == continued.returncode, continued.stderr
    assert f"journey {journey_id} continued" in continued.stderr and [journey_id] == taken(continued.stderr)
    assert_each_ran_once(url, [journey_id])
    assert 3 == count(url, "billing_invoices")
