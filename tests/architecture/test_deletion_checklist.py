"""The deletion checklist in MIGRATION.md is read from the repository, and every legacy-internal test is marked."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from aicmo.strangler.deletion_checklist import BEGIN, END, read_checklist, render
from aicmo.strangler.document_blocks import block_of

REPO = Path(__file__).resolve().parents[2]


def test_every_test_that_imports_legacy_code_names_it_in_its_marker():
    """A test file reaching a module's legacy code (itself or through a helper) says so with legacy_internals."""
    assert [] == read_checklist(REPO).findings


def test_the_checklist_in_migration_md_is_current():
    """MIGRATION.md holds exactly what the repository says; regenerate with --write MIGRATION.md."""
    assert render(read_checklist(REPO)) == block_of(REPO / "MIGRATION.md", BEGIN, END)


def test_qc_s_checklist_names_its_files_its_importers_and_its_tests():
    """qc: two legacy files, the adapter (the legacy-view sync stays), the operator flow in the way, its tests."""
    checklist = read_checklist(REPO)
    assert ["backend/services/qc.py", "backend/services/qc_rules.py"] == checklist.legacy_files["qc"]
    assert ["acl/qc/adapter.py", "acl/qc/translation.py"] == checklist.adapters["qc"]
    assert "aicmo/operator_services.py" in checklist.importers["qc"]
    assert "tests/characterization/test_qc.py" in checklist.tests["qc"]
    assert "tests/characterization/test_port_pins.py" not in sum(checklist.tests.values(), [])


@pytest.fixture
def tree(tmp_path):
    """The legacy code, the adapters and the configuration, with an empty tests folder to plant files in."""
    for folder in ("backend", "aicmo/domain", "aicmo/core", "acl"):
        shutil.copytree(REPO / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("aicmo/operator_services.py", "pyproject.toml", "legacy-manifest.json"):
        shutil.copy(REPO / name, tmp_path / name)
    (tmp_path / "tests").mkdir()
    return tmp_path


def test_an_unmarked_import_of_legacy_code_is_a_finding(tree):
    """A planted test importing billing's legacy service without the marker is named, with the fix."""
    (tree / "tests" / "test_planted.py").write_text("from backend.services import billing\n")
    assert ["tests/test_planted.py: imports the legacy code of billing without pytest.mark.legacy_internals('billing')"] == read_checklist(tree).findings


def test_an_import_through_a_test_helper_counts(tree):
    """A helper that imports legacy when loaded taints the test that imports the helper."""
    (tree / "tests" / "helper.py").write_text("from backend.services.retention import assess_retention\n")
    (tree / "tests" / "test_planted.py").write_text("import pytest\nfrom tests import helper\npytestmark = pytest.mark.legacy_internals('billing')\n")
    assert ["tests/test_planted.py: imports the legacy code of retention without pytest.mark.legacy_internals('retention')"] == read_checklist(tree).findings


def test_a_marker_naming_no_deletion_unit_is_a_finding(tree):
    """A typo in the marker is caught, not silently listed nowhere."""
    (tree / "tests" / "test_planted.py").write_text("import pytest\npytestmark = pytest.mark.legacy_internals('billings')\n")
    assert "tests/test_planted.py: legacy_internals names billings" in read_checklist(tree).findings[0]


def test_baseline_entries_of_the_files_deleted_go_with_the_module(tree):
    """An entry against a file the module's deletion removes is listed with it; one against a file that stays is not."""
    entries = [
        {"file": "backend/services/qc.py", "key": "god-module:backend.services.qc->aicmo.domain.Planted", "reason": "r", "rule": "god-module"},
        {"file": "acl/qc/adapter.py", "key": "api-only:acl.qc.adapter->acl.planted", "reason": "r", "rule": "api-only"},
        {"file": "acl/qc/legacy_view_sync.py", "key": "foreign-write:acl.qc.legacy_view_sync.planted->creative_assets",
         "reason": "r", "rule": "foreign-write"},
    ]
    (tree / "boundaries-baseline.json").write_text(json.dumps({"entries": entries[:2]}))
    (tree / "ownership-baseline.json").write_text(json.dumps({"entries": entries[2:]}))
    checklist = read_checklist(tree)
    assert [
        "boundaries-baseline.json: api-only:acl.qc.adapter->acl.planted",
        "boundaries-baseline.json: god-module:backend.services.qc->aicmo.domain.Planted",
    ] == checklist.baseline_entries["qc"]
    # the legacy-view sync outlives qc's deletion, so its entry stays until the last legacy reader goes
    assert not any("planted->creative_assets" in e for entries in checklist.baseline_entries.values() for e in entries)
    assert "- baseline entries pruned with it (2):" in render(checklist)
