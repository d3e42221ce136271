"""An acquisition killed with SIGKILL during a later batch is continued, not restarted: its output is an uninterrupted run's.

A real `aicmo acquire --reproducible` process (the example leads in batches of 8, with the
example replies, so it sends, classifies and converts) is held just before its third batch
(the pause hook), killed there with SIGKILL, and the same command is run again (or the run is
resumed by `aicmo journeys resume ID`, which lists and shows it pending). That second run must
continue the first one's campaign: every lead imported once, no second send,
conversion or proposal, and JSON byte-identical to an uninterrupted run's, whose database
holds as many rows in every table. Killed too at the worst moment: a step's effect committed,
its checkpoint not written. On SQLite (a file) and PostgreSQL.
"""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, inspect, text

from aicmo.shared.project_config import project_config
from tests.e2e.conftest import AICMO_PROCESS as COMMAND, EXAMPLES, held_then_killed, hooks_cleared

BATCH_SIZE = 8  # the 32 example leads: four batches
ACQUIRE = ("acquire", str(EXAMPLES / "leads.csv"), "--replies", str(EXAMPLES / "replies.csv"), "--batch-size", str(BATCH_SIZE),
           "--reproducible", "--json")


def acquire(folder, url: str, out: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", COMMAND, *ACQUIRE, out, "--database-url", url], cwd=folder, env=hooks_cleared(),
                          capture_output=True, text=True, timeout=120)


def aicmo(folder, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", COMMAND, *args], cwd=folder, env=hooks_cleared(), capture_output=True, text=True, timeout=120)


def killed_at(step: str, url: str, folder, when: str = "before") -> str:
    """Run the acquisition until it is about to call ``step`` (or, ``when="after"``, until the step's port has
    answered but its checkpoint is not written), SIGKILL it there; the run's id."""
    hook = {"before": "AICMO_TEST_PAUSE_BEFORE_STEP", "after": "AICMO_TEST_PAUSE_AFTER_STEP"}[when]
    args = [*ACQUIRE, "killed.json", "--database-url", url]
    with held_then_killed(args, folder, f"paused {when} {step}", "acquisition ", **{hook: step}) as run_id:
        pass
    assert not (folder / "killed.json").exists()
    return run_id


def rows(url: str) -> dict[str, int]:
    """Rows per legacy table the acquisition writes (cam's, billing's, delivery's; `[tool.aicmo.legacy_tables]`).

    The legacy tables by name, not by prefix: a module's new tables share its prefix, and live in the
    module's own schema on PostgreSQL but beside the legacy ones in a SQLite file.
    """
    legacy = {t for t, owner in project_config().legacy_tables.items() if owner in ("cam", "billing", "delivery")}
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            tables = [t for t in inspect(connection).get_table_names() if t in legacy]
            return {t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in sorted(tables)}
    finally:
        engine.dispose()


def lead_emails(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return sorted(connection.execute(text("SELECT email FROM cam_leads")).scalars())
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Uninterrupted:
    output: bytes
    rows: dict[str, int]
    emails: list[str]


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory) -> Uninterrupted:
    """The same command run once without a kill, on a fresh SQLite file: the same JSON on either database (as
    test_postgresql_matches_sqlite holds), so one run is the reference for both."""
    folder = tmp_path_factory.mktemp("uninterrupted")
    url = f"sqlite:///{folder / 'aicmo.db'}"
    done = acquire(folder, url, "uninterrupted.json")
    assert 0 == done.returncode, done.stderr
    return Uninterrupted((folder / "uninterrupted.json").read_bytes(), rows(url), lead_emails(url))


def test_an_acquisition_killed_before_its_third_batch_ends_as_an_uninterrupted_run(fresh_database_url, uninterrupted, tmp_path):
    url = fresh_database_url

    run_id = killed_at("cam.import_lead_batch#3", url, tmp_path)
    assert 2 * BATCH_SIZE == len(lead_emails(url))  # two whole batches committed, the third never began
    pending = json.loads(aicmo(tmp_path, "journeys", "list", "--status", "pending", "--database-url", url, "--json").stdout)
    assert [(run_id, "Example acquisition campaign")] == [(j["id"], j["brand"]) for j in pending]
    steps = [s["name"] for s in json.loads(aicmo(tmp_path, "journeys", "show", run_id, "--database-url", url, "--json").stdout)["steps"]]
    assert ["cam.create_campaign", "cam.import_lead_batch", "cam.import_lead_batch"] == steps

    again = acquire(tmp_path, url, "again.json")
    assert 0 == again.returncode, again.stderr
    assert f"acquisition {run_id}" in again.stderr  # the same run continued, not a second campaign

    assert uninterrupted.output == (tmp_path / "again.json").read_bytes()
    assert uninterrupted.emails == lead_emails(url) and len(set(lead_emails(url))) == 32  # every lead once
    counted = rows(url)
    assert uninterrupted.rows == counted  # no second campaign, send, reply, conversion or proposal
    assert counted["cam_outreach_attempts"] > 0 and counted["cam_replies"] > 0  # the run got as far as sending and replies
    assert '"conversions": 0' not in again.stdout and b'"conversions": 0,' not in (tmp_path / "again.json").read_bytes()


def test_an_acquisition_killed_after_a_send_commits_but_before_its_checkpoint_sends_nothing_twice(fresh_database_url, uninterrupted, tmp_path):
    """The worst moment: the sends are committed, their step's checkpoint is not. Run again, the step calls the
    port again under the same idempotency key and gets the first answer back, ids and all."""
    url = fresh_database_url
    run_id = killed_at("cam.send_outreach", url, tmp_path, when="after")
    sent = rows(url)["cam_outreach_attempts"]
    assert sent > 0

    again = aicmo(tmp_path, "journeys", "resume", run_id, "--database-url", url, "--json", "again.json")
    assert 0 == again.returncode, again.stderr
    assert sent == rows(url)["cam_outreach_attempts"]
    assert uninterrupted.output == (tmp_path / "again.json").read_bytes()
    assert uninterrupted.rows == rows(url)
