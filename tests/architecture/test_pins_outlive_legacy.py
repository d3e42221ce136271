"""The pins through the ports outlive legacy: with a migrated module's legacy code gone, they still pass.

Every module with a new implementation is treated as deleted: its legacy files and its ACL
adapter are made unimportable (tests/characterization/legacy_blocker.py, loaded before any
test module) and the pins of test_port_pins.py run with it on `new`, against the snapshots
its legacy path wrote. A legacy-internal test of such a module must fail to even import in the
same setting, which proves the block is real.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from aicmo.orchestration.bootstrap import NEW_IMPLEMENTATIONS
from aicmo.strangler.deletion_checklist import read_checklist
from tests.characterization.legacy_blocker import ENV, blocked_imports
from tests.databases import BACKENDS_ENV

REPO = Path(__file__).resolve().parents[2]
# the legacy operator flow (`--legacy-flow`) is never loaded by the pins; it is deleted on its own
OPERATOR_FLOW = "aicmo/operator_services.py"


def deletable_now() -> tuple[str, ...]:
    """The modules with a new implementation whose legacy code nothing else still loads.

    A module whose legacy files another module's legacy code or adapter still imports (the
    checklist's "still imported by") cannot be deleted yet, so it is not treated as deleted
    here: e.g. production's calendar generator, which legacy delivery imports, until delivery
    leaves legacy too. Modules deleted together may import each other.
    """
    checklist = read_checklist(REPO)
    deleted = set(NEW_IMPLEMENTATIONS)
    while True:
        gone = {path for m in deleted for path in checklist.legacy_files[m] + checklist.adapters[m]}
        kept = {m for m in deleted
                if all(p in gone or p == OPERATOR_FLOW or p == f"acl/{m}/__init__.py" for p in checklist.importers[m])}
        if kept == deleted:
            return tuple(sorted(deleted))
        deleted = kept


MIGRATED = ",".join(deletable_now())
BLOCKER = ["-p", "tests.characterization.legacy_blocker"]

pytestmark = pytest.mark.skipif(not NEW_IMPLEMENTATIONS, reason="no module has a new implementation yet")


def pytest_without_legacy(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", *BLOCKER, *args]
    # the block is the same on every backend: one is enough here
    env = {**os.environ, ENV: MIGRATED, BACKENDS_ENV: "sqlite", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600, check=False)


def test_the_block_covers_each_migrated_module_s_legacy_files_and_adapter():
    """qc's deletion removes backend.services.qc, qc_rules and the ACL adapter, not the legacy-view sync."""
    blocked = blocked_imports(frozenset(NEW_IMPLEMENTATIONS))
    assert {"backend.services.qc", "backend.services.qc_rules", "acl.qc.adapter", "acl.qc.translation"} <= set(blocked)
    assert "acl.qc.legacy_view_sync" not in blocked
    assert "backend.db.models" not in blocked  # shared plumbing stays


def test_the_port_pins_pass_with_the_migrated_modules_legacy_code_unimportable():
    """Every journey, acquisition and report pin passes through the new path with legacy qc gone."""
    run = pytest_without_legacy("tests/characterization/test_port_pins.py")
    assert 0 == run.returncode, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and "via:legacy" not in run.stdout


def test_a_legacy_internal_test_of_a_migrated_module_cannot_even_import():
    """The planted deletion is real: qc's legacy-internal characterization dies at import."""
    run = pytest_without_legacy("tests/characterization/test_qc.py")
    assert 0 != run.returncode
    assert "ERROR collecting tests/characterization/test_qc.py" in run.stdout
    assert "cannot import name 'qc_rules'" in run.stdout
