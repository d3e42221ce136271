"""A journey with onboarding on new, killed right after one of its moves, is continued into the all-legacy JSON.

The process is held once the new onboarding has answered `advance_project` (committed, and
its legacy view written) but before the journey checkpointed the step, and killed there with
SIGKILL. Submitting the same intake again continues the journey: the move is replayed from
onboarding's own tables, and a replay goes on after the reproducible ids the first call had
seen drawn, so every later id, and the whole printed JSON, is the uninterrupted legacy run's.
On an SQLite file and on PostgreSQL.
"""
from __future__ import annotations

import subprocess
import sys

from tests.e2e.conftest import AICMO_PROCESS as COMMAND, EXAMPLES, count_rows, held_then_killed, hooks_cleared

INTAKE = EXAMPLES / "intake_us_sales.json"
STEP = "onboarding.advance_project"


def run(folder, url: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", COMMAND, "run", str(INTAKE), "--reproducible", "--json", "-",
                           "--out-dir", "out", "--database-url", url, *extra],
                          cwd=folder, env=hooks_cleared(), capture_output=True, text=True, timeout=120)


def test_a_killed_journey_on_new_onboarding_continues_into_the_legacy_output(fresh_database_url, tmp_path):
    args = ["run", str(INTAKE), "--reproducible", "--out-dir", "out", "--database-url", fresh_database_url,
            "--route", "onboarding=new"]
    with held_then_killed(args, tmp_path, f"paused after {STEP}", AICMO_TEST_PAUSE_AFTER_STEP=STEP):
        pass
    assert 1 == count_rows(fresh_database_url, "cam_campaigns")
    continued = run(tmp_path, fresh_database_url, "--route", "onboarding=new")
    uninterrupted = run(tmp_path, f"sqlite:///{tmp_path / 'legacy.db'}")
    assert 0 == continued.returncode == uninterrupted.returncode, continued.stderr[-2000:]
    assert uninterrupted.stdout == continued.stdout
    assert 1 == count_rows(fresh_database_url, "cam_campaigns")
