"""Which modules a change touches, and which suites that selects."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from aicmo.shared.modules import MODULES
from aicmo.shared.project_config import load_project_config
from aicmo.strangler.pr_gate.suites import selected_suites
from aicmo.strangler.pr_gate.touched import Touched, touched_by

REPO = Path(__file__).resolve().parents[4]
LEGACY = load_project_config(REPO / "pyproject.toml").legacy


def test_docs_and_ci_files_touch_nothing():
    touched = touched_by(["README.md", "docs/boundaries.md", "MIGRATION.md", ".github/workflows/ci.yml",
                          "examples/ci/github-actions.yml", ".pre-commit-hooks.yaml"], MODULES, LEGACY)
    assert Touched() == touched
    assert [] == selected_suites(REPO, touched, MODULES)


@pytest.mark.parametrize("path, module", [
    ("aicmo/qc/internal/rules.py", "qc"),
    ("acl/qc/adapter.py", "qc"),
    ("tests/port_suites/qc/test_qc_port.py", "qc"),
    ("tests/characterization/test_qc_sequences.py", "qc"),
    ("tests/characterization/__snapshots__/test_qc.json", "qc"),
    ("tests/unit/qc/test_rules.py", "qc"),
    ("tests/unit/test_qc.py", "qc"),
    ("contract_snapshots/qc.json", "qc"),
    ("aicmo/client_review/api/dtos.py", "client_review"),
    ("tests/characterization/test_client_review_boundaries.py", "client_review"),
])
def test_a_path_inside_one_module_touches_that_module(path, module):
    assert Touched(frozenset({module})) == touched_by([path, "README.md"], MODULES, LEGACY)


@pytest.mark.parametrize("path, because", [
    ("backend/services/billing.py", "legacy changed"),
    ("aicmo/domain/models.py", "legacy changed"),
    ("aicmo/operator_services.py", "legacy changed"),
    ("legacy-manifest.json", "legacy changed"),
    ("aicmo/shared/modules.py", "shared code changed"),
    ("aicmo/strangler/dispatch/shadow.py", "shared code changed"),
    ("acl/_support/translate.py", "shared code changed"),
    ("tests/conftest.py", "shared code changed"),
    ("tests/characterization/test_port_pins.py", "shared code changed"),
    ("pyproject.toml", "shared code changed"),
])
def test_shared_code_or_legacy_touches_every_module(path, because):
    touched = touched_by(["aicmo/qc/internal/x.py", path], MODULES, LEGACY)
    assert (frozenset(MODULES), f"{because}: {path}") == (touched.modules, touched.everything_because)
    assert ["tests/characterization", "tests/port_suites"] == selected_suites(REPO, touched, MODULES)


def test_two_modules_select_both_suites_and_nothing_else():
    selected = selected_suites(REPO, touched_by(["aicmo/qc/x.py", "acl/cam/adapter.py"], MODULES, LEGACY), MODULES)
    assert {"tests/port_suites/qc", "tests/port_suites/cam", "tests/characterization/test_cam_scoring.py",
            "tests/characterization/test_operator_flow_settings.py"} <= set(selected)  # the last: marked for cam
    named = [path for path in selected if "operator_flow" not in path]
    assert all(re.search(r"/(test_)?(qc|cam)[_./]|/(qc|cam)$", path) for path in named), selected


EVIDENCE = re.compile(r'aicmo_evidence\(module="(\w+)"')


def test_the_suites_selected_for_a_module_are_the_suites_named_or_marked_for_it():
    """Every suite file marked `aicmo_evidence(module=M)` runs when M is touched, and every file
    selected for M is named after M or marked for it."""
    for module in MODULES:
        selected = selected_suites(REPO, touched_by([f"aicmo/{module}/x.py"], MODULES, LEGACY), MODULES)
        files = set()
        for path in selected:
            target = REPO / path
            files |= set(target.rglob("test_*.py")) if target.is_dir() else {target}
        marked = {
            path for folder in ("tests/characterization", "tests/port_suites")
            for path in (REPO / folder).rglob("test_*.py")
            if module in EVIDENCE.findall(path.read_text(encoding="utf-8"))
        }
        assert marked <= files, (module, sorted(str(p) for p in marked - files))
        for path in files:
            marks = set(EVIDENCE.findall(path.read_text(encoding="utf-8")))
            assert module in marks or not marks - {module} and module in path.as_posix(), (module, path)


def test_the_legacy_roots_are_the_configured_ones():
    """A root declared in `[tool.aicmo] legacy` makes its files legacy; the same path undeclared is shared code."""
    assert "legacy changed: oldshop/orders.py" == touched_by(["oldshop/orders.py"], MODULES, ("oldshop",)).everything_because
    assert "legacy changed: oldshop/flow.py" == touched_by(["oldshop/flow.py"], MODULES, ("oldshop.flow",)).everything_because
    assert "shared code changed: oldshop/orders.py" == touched_by(["oldshop/orders.py"], MODULES, ()).everything_because
