"""qc through the gate, as an engineer does it: shadow, traffic, suites recorded on the new path, promote.

Every step is the real command: `aicmo migrate promote`, `aicmo traffic`, and pytest itself
with `--record-evidence` in a subprocess running qc's characterization and contract suites on
the deployment's kind of database (only their new-path tests, `-m new_path`, which are the
whole of each suite on the new path, and of those qc's configurations, `-k "via:qc or new-qc"`). The gate refuses until each piece of evidence is there,
and the promoted route then serves a journey identical to legacy's. Once on an SQLite file,
once on PostgreSQL.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from aicmo.qc.internal.tables import QcResultRow
from aicmo.shared.persistence.engines import engine_for
from aicmo.strangler.evidence import EvidenceRecorder
from aicmo.strangler.routes import RouteChangeRow
from aicmo.strangler.schema import open_database
from tests.databases import BACKENDS_ENV, TestDatabase, copy_of, database_parameters, drop, migrated_database
from tests.e2e.conftest import EXAMPLES, REPO

QC_SUITES = ("tests/port_suites/qc", "tests/characterization/test_port_pins.py")
MIN = "--min-comparisons"
GATE = 20  # the default is 200 (see MIGRATION.md for the full-size run); the steps are the same


@pytest.fixture(params=database_parameters())
def deployment(request, postgres, workdir, monkeypatch):
    """The deployment's database: a new SQLite file the commands migrate, or a migrated PostgreSQL one.

    The deployment configures its gate's floor of comparisons at GATE (a flag may only raise it).
    """
    monkeypatch.setenv("AICMO_GATE_MIN_COMPARISONS", str(GATE))
    if request.param == "sqlite":
        yield TestDatabase("sqlite", f"sqlite:///{workdir / 'app.db'}")
        return
    yield from migrated_database("postgresql", postgres)


def record_qc_suites(deployment: TestDatabase) -> subprocess.CompletedProcess:
    return subprocess.run(
        # qc's configurations only (`via:qc=new` of the pins, `new-qc` of the port suite): the other
        # modules' new-path tests are deselected whole, so qc's suites stay complete and are recorded
        [sys.executable, "-m", "pytest", *QC_SUITES, "-m", "new_path", "-k", "via:qc or new-qc", "-p", "no:cacheprovider",
         "--record-evidence", deployment.url],
        cwd=REPO, capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, BACKENDS_ENV: deployment.backend},
    )


def audit(url: str) -> list[tuple]:
    with open_database(url)() as session:
        rows = session.scalars(select(RouteChangeRow).order_by(RouteChangeRow.id))
        return [(r.from_value, r.to_value, r.why, r.evidence) for r in rows]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_qc_is_promoted_to_new_only_once_the_gate_has_its_evidence(aicmo, workdir, deployment):
    url, kind = deployment.url, deployment.backend

    assert 0 == aicmo("migrate", "promote", "qc", "--reason", "shadow qc", "--database-url", url).exit_code
    refused = aicmo("migrate", "promote", "qc", "--reason", "too early", MIN, GATE, "--database-url", url)
    assert 1 == refused.exit_code
    for missing in (f"characterization suite: no run recorded on the new path on {kind}",
                    f"contract suite: no run recorded on the new path on {kind}", f"shadow comparisons: 0 of {GATE}"):
        assert missing in refused.stderr

    traffic = aicmo("traffic", "--journeys", 16, "--seed", 3, "--database-url", url)
    assert 0 == traffic.exit_code, traffic.output
    assert "0 unexplained" in traffic.stdout

    recorded = record_qc_suites(deployment)
    assert 0 == recorded.returncode, recorded.stdout[-3000:]
    assert f"recorded: qc contract suite on the new path on {kind}: passed" in recorded.stdout
    assert f"recorded: qc characterization suite on the new path on {kind}: passed" in recorded.stdout

    promoted = aicmo("migrate", "promote", "qc", "--reason", "evidence complete", MIN, GATE, "--database-url", url)
    assert 0 == promoted.exit_code, promoted.output
    *_, (from_route, to_route, reason, evidence) = audit(url)
    assert ("shadow", "new", "evidence complete") == (from_route, to_route, reason)
    assert evidence["suites_on_new_path"] == {"characterization": True, "contract": True}
    contract_run = evidence["suite_runs"]["contract"]  # the run the gate relied on, and what ran
    assert kind == contract_run["database"]
    assert re.match(r"\d+ passed, 0 failed, 0 skipped; pytest tests/port_suites/qc ", contract_run["detail"]), contract_run
    assert evidence["comparisons"] >= GATE and 0 == evidence["unexplained_mismatches"]

    # the stored route now serves qc from the new implementation, with legacy's output on a copy of the same database
    copy = copy_of(deployment, workdir)
    try:
        intake = EXAMPLES / "intake_full_funnel_eu.json"
        on_new = aicmo("run", intake, "--reproducible", "--json", "-", "--database-url", url)
        on_legacy = aicmo("run", intake, "--reproducible", "--json", "-", "--database-url", copy.url, "--route", "qc=legacy")
        assert 0 == on_new.exit_code == on_legacy.exit_code, on_new.output + on_legacy.output
        assert on_new.stdout == on_legacy.stdout
        with engine_for(url).connect() as connection:  # QC's own table: the new path ran
            assert connection.scalar(select(func.count()).select_from(QcResultRow)) >= 1
    finally:
        drop(copy)


def test_a_failed_suite_on_the_new_path_keeps_the_gate_shut(aicmo, deployment, monkeypatch):
    """The latest run counts: a failing run after a passing one closes the gate again."""
    from aicmo.strangler.evidence.code_version import code_commit

    monkeypatch.setenv("AICMO_GATE_MIN_COMPARISONS", "1")
    url = deployment.url
    assert 0 == aicmo("migrate", "promote", "qc", "--reason", "shadow qc", "--database-url", url).exit_code
    assert 0 == aicmo("traffic", "--journeys", 4, "--database-url", url).exit_code
    recorder = EvidenceRecorder(open_database(url))
    for suite in ("characterization", "contract"):
        recorder.record_suite_run("qc", suite, "new", True, database=deployment.backend, commit=code_commit())
    recorder.record_suite_run("qc", "contract", "new", False, database=deployment.backend, commit=code_commit())
    refused = aicmo("migrate", "promote", "qc", "--reason", "x", MIN, 1, "--database-url", url)
    assert 1 == refused.exit_code
    assert f"contract suite: the latest run on the new path failed on {deployment.backend}" in refused.stderr
