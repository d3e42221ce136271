"""A journey killed with SIGKILL half-way is continued, not restarted: one client, one set of invoices.

Each test starts a real `aicmo run` process whose journey is held just before one step (the
composition root's pause hook), kills it there with SIGKILL, and checks what it left: one
client, no invoice, the journey PENDING. Then the journey is continued, by `aicmo journeys
resume ID` or by submitting the same intake again, and must complete once: still one client
(no orphan beside a new one), three invoices, one zip, the steps done before the kill not run
again. On SQLite (a file) and PostgreSQL.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, text

from tests.e2e.conftest import AICMO_PROCESS as COMMAND, EXAMPLES, count_rows as count, held_then_killed, hooks_cleared

INTAKE = EXAMPLES / "intake_us_sales.json"


@pytest.fixture
def database_url(fresh_database_url):
    return fresh_database_url


def aicmo(folder, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", COMMAND, *args], cwd=folder, env=hooks_cleared(), capture_output=True,
                          text=True, timeout=120)


def killed_before(step: str, url: str, folder, while_paused=lambda journey_id: None, when: str = "before") -> str:
    """Run the journey until it is about to call ``step`` (or, ``when="after"``, until the step's port has
    answered but its checkpoint is not written), SIGKILL it there; the journey's id."""
    hook = {"before": "AICMO_TEST_PAUSE_BEFORE_STEP", "after": "AICMO_TEST_PAUSE_AFTER_STEP"}[when]
    args = ["run", str(INTAKE), "--database-url", url, "--out-dir", "out", "--json", "first.json"]
    with held_then_killed(args, folder, f"paused {when} {step}", **{hook: step}) as journey_id:
        while_paused(journey_id)
    return journey_id



def journey(folder, url: str, journey_id: str) -> dict:
    shown = aicmo(folder, "journeys", "show", journey_id, "--database-url", url, "--json")
    assert 0 == shown.returncode, shown.stderr
    return json.loads(shown.stdout)


def _left_half_written(folder, url: str, journey_id: str, invoices: int) -> list[str]:
    """What the killed process left: one client, its invoices so far, a pending journey; its completed steps' names."""
    assert (1, invoices) == (count(url, "cam_campaigns"), count(url, "billing_invoices"))
    pending = aicmo(folder, "journeys", "list", "--status", "pending", "--database-url", url, "--json")
    assert [journey_id] == [j["id"] for j in json.loads(pending.stdout)]
    return [s["name"] for s in journey(folder, url, journey_id)["steps"]]


def _completed_once(folder, url: str, journey_id: str, before: list[str], result: dict) -> None:
    assert (1, 3) == (count(url, "cam_campaigns"), count(url, "billing_invoices"))
    assert 1 == count(url, "delivery_packages")
    record = journey(folder, url, journey_id)
    assert "SUCCESS" == record["status"]
    steps = [s["name"] for s in record["steps"]]
    assert before == steps[: len(before)]  # the steps done before the kill were kept, not run again
    assert 1 == steps.count("onboarding.onboard_client") == steps.count("billing.issue_milestone_invoices")
    assert result["campaign"]["id"] == record["steps"][0]["output"]["client_id"]
    assert "DELIVERED" == result["campaign"]["project_state"] and 3 == len(result["billing"]["invoices"])
    assert [] == aicmo(folder, "journeys", "list", "--status", "pending", "--database-url", url, "--json").stdout.strip("[]\n").split()


def test_resume_completes_a_journey_killed_before_its_invoices(database_url, tmp_path):
    def resume_refused_while_it_runs(journey_id: str) -> None:
        """Planted: resuming a journey whose process is alive would run its remaining steps twice."""
        refused = aicmo(tmp_path, "journeys", "resume", journey_id, "--database-url", database_url)
        assert 1 == refused.returncode and "running in a live process" in refused.stderr, refused.stderr

    journey_id = killed_before("billing.issue_milestone_invoices", database_url, tmp_path, resume_refused_while_it_runs)
    before = _left_half_written(tmp_path, database_url, journey_id, invoices=1)  # the delivery raised the first one
    assert "delivery.deliver_package" in before

    resumed = aicmo(tmp_path, "journeys", "resume", journey_id, "--database-url", database_url, "--json", "resumed.json")
    assert 0 == resumed.returncode, resumed.stderr
    _completed_once(tmp_path, database_url, journey_id, before, json.loads((tmp_path / "resumed.json").read_text()))

    again = aicmo(tmp_path, "journeys", "resume", journey_id, "--database-url", database_url)
    assert 1 == again.returncode and "already finished" in again.stderr


def test_the_same_intake_again_continues_the_killed_journey(database_url, tmp_path):
    journey_id = killed_before("delivery.deliver_package", database_url, tmp_path)
    before = _left_half_written(tmp_path, database_url, journey_id, invoices=0)

    rerun = aicmo(tmp_path, "run", str(INTAKE), "--database-url", database_url, "--out-dir", "out", "--json", "again.json")
    assert 0 == rerun.returncode, rerun.stderr
    assert f"journey {journey_id}" in rerun.stderr
    _completed_once(tmp_path, database_url, journey_id, before, json.loads((tmp_path / "again.json").read_text()))


def test_a_journey_killed_after_onboarding_but_before_its_checkpoint_makes_no_second_client(database_url, tmp_path):
    """The worst moment: the client is committed, the step's checkpoint is not. Resumed, the step runs again
    with the same idempotency key (derived from the journey id, the same in every process) and gets the
    first answer back (the journey passes the same keys in every process; the ports must keep them)."""
    journey_id = killed_before("onboarding.onboard_client", database_url, tmp_path, when="after")
    assert 1 == count(database_url, "cam_campaigns")
    assert [] == journey(tmp_path, database_url, journey_id)["steps"]

    resumed = aicmo(tmp_path, "journeys", "resume", journey_id, "--database-url", database_url, "--json", "resumed.json")
    assert 0 == resumed.returncode, resumed.stderr
    _completed_once(tmp_path, database_url, journey_id, [], json.loads((tmp_path / "resumed.json").read_text()))


def test_a_killed_journey_cancelled_stays_cancelled_and_the_intake_starts_afresh(database_url, tmp_path):
    def cancel_refused_while_it_runs(journey_id: str) -> None:
        """Planted: compensating a journey whose process is alive could undo a step it is about to complete."""
        refused = aicmo(tmp_path, "journeys", "cancel", journey_id, "--database-url", database_url)
        assert 1 == refused.returncode and "running in a live process" in refused.stderr, refused.stderr

    journey_id = killed_before("delivery.deliver_package", database_url, tmp_path, cancel_refused_while_it_runs)
    cancelled = aicmo(tmp_path, "journeys", "cancel", journey_id, "--database-url", database_url, "--json")
    assert 0 == cancelled.returncode, cancelled.stderr
    assert ["void_result", "discard_creatives", "cancel_project"] == [c["action"] for c in json.loads(cancelled.stdout)]
    assert "CANCELLED" == journey(tmp_path, database_url, journey_id)["status"]
    refused = aicmo(tmp_path, "journeys", "resume", journey_id, "--database-url", database_url)
    assert 1 == refused.returncode and "already finished (CANCELLED)" in refused.stderr

    again = aicmo(tmp_path, "run", str(INTAKE), "--database-url", database_url, "--out-dir", "out")
    assert 0 == again.returncode, again.stderr
    assert f"journey {journey_id[:-2]}-1" in again.stderr  # the next journey of that intake, beside the cancelled one
    assert 2 == count(database_url, "cam_campaigns")


def test_a_journey_killed_after_a_keyed_call_no_step_recorded_yet_is_cancelled_whole(database_url, tmp_path):
    """The draft and approval of the strategy are keyed calls, not steps: killed after them, the journey's record
    holds the onboarding alone (the next step would have carried them). Cancelled, the project the onboarding made
    is cancelled all the same: its cancellation undoes what those calls did, and nothing else is owed."""
    journey_id = killed_before("strategy.approve_strategy", database_url, tmp_path, when="after")
    assert ["onboarding.onboard_client"] == [s["name"] for s in journey(tmp_path, database_url, journey_id)["steps"]]

    cancelled = aicmo(tmp_path, "journeys", "cancel", journey_id, "--database-url", database_url, "--json")
    assert 0 == cancelled.returncode, cancelled.stderr
    assert [("cancel_project", "COMPENSATED")] == [(c["action"], c["status"]) for c in json.loads(cancelled.stdout)]
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            assert ["CANCELLED"] == list(connection.execute(text("SELECT project_state FROM cam_campaigns")).scalars())
    finally:
        engine.dispose()
