"""`aicmo check` on a scratch checkout: planted faults fail the gate (exit 1) and each is in the
report; a docs-only change runs no suite; a change in aicmo/qc selects qc's suites only; bad input
exits 2."""
from __future__ import annotations

import json
import shutil

import pytest

from tests.e2e.scratch_checkout import clone_for_change, edit, git, make_origin, plant, run_aicmo


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    return make_origin(tmp_path_factory.mktemp("gate") / "origin")


@pytest.fixture
def checkout(origin, tmp_path):
    return clone_for_change(origin, tmp_path / "checkout")


def gate(checkout, *args):
    done = run_aicmo(checkout, "check", "--changed", "--format", "json", *args)
    return done.returncode, json.loads(done.stdout) if done.stdout else None, done.stderr


def steps(report):
    return {step["name"]: step for step in report["steps"]}


def issue_files(step):
    return {issue["file"] for issue in step["issues"] if issue["level"] == "error"}


LEGACY_EDIT = ("backend/services/billing.py", "0.20", "0.19")
CROSS_IMPORT = ("aicmo/qc/internal/planted.py", "from aicmo.production.internal import descriptor\n")
CONTRACT_BREAK = ("aicmo/qc/api/dtos.py", '"""Everything one QC evaluation of a project looks at."""\n',
                  '"""Everything one QC evaluation of a project looks at."""\n\n    planted_required: int\n')


def test_a_clean_change_passes(checkout):
    plant(checkout, "aicmo/qc/internal/helper.py", "VALUE = 1\n")
    code, report, err = gate(checkout, "--no-suites")
    assert (0, True) == (code, report["passed"]), err
    assert ["aicmo/qc/internal/helper.py"] == report["changed"]
    assert "origin/HEAD" == report["base"]


def test_an_edited_legacy_file_fails_the_freeze(checkout):
    edit(checkout, *LEGACY_EDIT)
    code, report, _ = gate(checkout, "--no-suites")
    assert 1 == code
    assert "failed" == steps(report)["legacy-freeze"]["status"]
    assert {"backend/services/billing.py"} == issue_files(steps(report)["legacy-freeze"])
    assert report["suites"]["because"].startswith("legacy changed")


def test_an_import_across_modules_fails_the_boundaries(checkout):
    plant(checkout, *CROSS_IMPORT)
    code, report, _ = gate(checkout, "--no-suites")
    assert 1 == code
    assert ("failed", {"aicmo/qc/internal/planted.py"}) == (
        steps(report)["boundaries"]["status"], issue_files(steps(report)["boundaries"]))
    assert ["passed", "passed", "passed"] == [steps(report)[n]["status"] for n in ("legacy-freeze", "contracts", "ownership")]


def test_a_breaking_contract_change_fails_the_contracts(checkout):
    edit(checkout, *CONTRACT_BREAK)
    code, report, _ = gate(checkout, "--no-suites")
    assert 1 == code
    contracts = steps(report)["contracts"]
    assert "failed" == contracts["status"]
    assert any("planted_required" in issue["message"] for issue in contracts["issues"])


def test_every_planted_fault_is_in_one_text_report(checkout):
    edit(checkout, *LEGACY_EDIT)
    plant(checkout, *CROSS_IMPORT)
    edit(checkout, *CONTRACT_BREAK)
    done = run_aicmo(checkout, "check", "--changed", "--no-suites")
    assert 1 == done.returncode
    assert "aicmo check FAILED: legacy-freeze, contracts, boundaries" in done.stdout
    for planted in ("backend/services/billing.py", "planted_required", "aicmo/qc/internal/planted.py"):
        assert planted in done.stdout


def test_a_docs_only_change_runs_no_suite(checkout):
    edit(checkout, "README.md", "# AICMO", "# AICMO, documented")
    plant(checkout, "docs/extra.md", "more\n")
    code, report, _ = gate(checkout)  # suites not switched off: there is none to run
    assert 0 == code
    assert ([], "skipped") == (report["suites"]["selected"], steps(report)["suites"]["status"])
    assert "only docs or CI files changed" == report["suites"]["because"]


def test_a_change_in_qc_selects_qc_suites_only(checkout):
    """The selection as the report names it (running them is proven on a small project in
    tests/unit/strangler/pr_gate/test_suite_run.py: qc's own suites take a while)."""
    plant(checkout, "aicmo/qc/internal/helper.py", "VALUE = 1\n")
    code, report, err = gate(checkout, "--no-suites")
    assert 0 == code, err
    assert [
        "tests/characterization/test_qc.py", "tests/characterization/test_qc_boundaries.py",
        "tests/characterization/test_qc_sequences.py", "tests/characterization/test_qc_shadow_corpus.py",
        "tests/port_suites/qc",
    ] == report["suites"]["selected"]
    assert "modules touched: qc" == report["suites"]["because"]


def test_an_unknown_base_is_bad_input(checkout):
    done = run_aicmo(checkout, "check", "--changed", "--base", "no-such-branch")
    assert (2, "") == (done.returncode, done.stdout)
    assert "unknown base 'no-such-branch'" in done.stderr


def test_without_git_or_without_a_base_changed_is_bad_input(checkout):
    shutil.rmtree(checkout / ".git")
    done = run_aicmo(checkout, "check", "--changed")
    assert (2, "") == (done.returncode, done.stdout)
    assert "--changed needs a git repository" in done.stderr
    git(checkout, "init", "-q", "-b", "trunk")  # a history with none of the usual base branches
    done = run_aicmo(checkout, "check", "--changed")
    assert (2, "") == (done.returncode, done.stdout)
    assert "none of origin/HEAD, origin/main, main exists" in done.stderr
