"""qc through the gate, as an engineer does it: shadow, traffic, suites recorded on the new path, promote.

Every step is the real command: `aicmo migrate promote`, `aicmo traffic`, and pytest itself
with `--record-evidence` in a subprocess running qc's characterization and contract suites.
The gate refuses until each piece of evidence is there, and the promoted route then serves a
journey identical to legacy's.
"""
from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys

import pytest

from aicmo.strangler.evidence import EvidenceRecorder
from aicmo.strangler.routes import open_database
from tests.e2e.conftest import EXAMPLES, REPO

QC_SUITES = ("tests/port_suites/qc", "tests/characterization/test_port_pins.py")
MIN = "--min-comparisons"
GATE = 20  # the default is 200 (see MIGRATION.md for the full-size run); the steps are the same


def record_qc_suites(url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", *QC_SUITES, "-p", "no:cacheprovider", "--record-evidence", url],
        cwd=REPO, capture_output=True, text=True, timeout=600, check=False,
    )


def audit(db) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("select from_value, to_value, why, evidence from strangler_route_changes order by id").fetchall()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_qc_is_promoted_to_new_only_once_the_gate_has_its_evidence(aicmo, workdir):
    db = workdir / "app.db"
    url = f"sqlite:///{db}"

    assert 0 == aicmo("migrate", "promote", "qc", "--reason", "shadow qc", "--database-url", url).exit_code
    refused = aicmo("migrate", "promote", "qc", "--reason", "too early", MIN, GATE, "--database-url", url)
    assert 1 == refused.exit_code
    for missing in ("characterization suite: no run recorded", "contract suite: no run recorded", f"shadow comparisons: 0 of {GATE}"):
        assert missing in refused.stderr

    traffic = aicmo("traffic", "--journeys", 16, "--seed", 3, "--database-url", url)
    assert 0 == traffic.exit_code, traffic.output
    assert "0 unexplained" in traffic.stdout

    recorded = record_qc_suites(url)
    assert 0 == recorded.returncode, recorded.stdout[-3000:]
    assert "recorded: qc contract suite on the new path: passed" in recorded.stdout
    assert "recorded: qc characterization suite on the new path: passed" in recorded.stdout

    promoted = aicmo("migrate", "promote", "qc", "--reason", "evidence complete", MIN, GATE, "--database-url", url)
    assert 0 == promoted.exit_code, promoted.output
    *_, (from_route, to_route, reason, evidence) = audit(db)
    evidence = json.loads(evidence)
    assert ("shadow", "new", "evidence complete") == (from_route, to_route, reason)
    assert evidence["suites_on_new_path"] == {"characterization": True, "contract": True}
    contract_run = evidence["suite_runs"]["contract"]["detail"]  # the run the gate relied on, and what ran
    assert re.match(r"\d+ passed, 0 failed, 0 skipped; pytest tests/port_suites/qc ", contract_run), contract_run
    assert evidence["comparisons"] >= GATE and 0 == evidence["unexplained_mismatches"]

    # the stored route now serves qc from the new implementation, with legacy's output on a copy of the same database
    shutil.copy(db, workdir / "legacy.db")
    intake = EXAMPLES / "intake_full_funnel_eu.json"
    on_new = aicmo("run", intake, "--reproducible", "--json", "-", "--database-url", url)
    legacy_url = f"sqlite:///{workdir / 'legacy.db'}"
    on_legacy = aicmo("run", intake, "--reproducible", "--json", "-", "--database-url", legacy_url, "--route", "qc=legacy")
    assert 0 == on_new.exit_code == on_legacy.exit_code
    assert on_new.stdout == on_legacy.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from qc_results").fetchone()[0] >= 1  # QC's own table: the new path ran


def test_a_failed_suite_on_the_new_path_keeps_the_gate_shut(aicmo, workdir):
    """The latest run counts: a failing run after a passing one closes the gate again."""
    url = f"sqlite:///{workdir / 'app.db'}"
    assert 0 == aicmo("migrate", "promote", "qc", "--reason", "shadow qc", "--database-url", url).exit_code
    assert 0 == aicmo("traffic", "--journeys", 4, "--database-url", url).exit_code
    recorder = EvidenceRecorder(open_database(url))
    for suite in ("characterization", "contract"):
        recorder.record_suite_run("qc", suite, "new", True)
    recorder.record_suite_run("qc", "contract", "new", False)
    refused = aicmo("migrate", "promote", "qc", "--reason", "x", MIN, 1, "--database-url", url)
    assert 1 == refused.exit_code
    assert "contract suite: the latest run on the new path failed" in refused.stderr
