"""The suites run with pytest in this process, and their outcome folds into the gate's step."""
from __future__ import annotations

import sys

import pytest

from aicmo.strangler.pr_gate import steps
from aicmo.strangler.pr_gate.suite_run import run_suites

PASSING = "def test_fine():\n    assert 1 + 1 == 2\n"
FAILING = "def helper():\n    return 3\n\n\ndef test_wrong():\n    value = helper()\n    assert value == 4, 'planted'\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A small project with its own pytest configuration and a suite folder; the test modules the
    inner pytest imports are forgotten afterwards (the next project reuses their names)."""
    monkeypatch.setattr(sys, "path", list(sys.path))
    yield _write_project(tmp_path)
    for name, module in list(sys.modules.items()):
        if str(getattr(module, "__file__", None) or "").startswith(str(tmp_path)):
            del sys.modules[name]


def _write_project(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.pytest.ini_options]\naddopts = \"-q\"\n")
    (tmp_path / "suite").mkdir()
    (tmp_path / "suite" / "test_ok.py").write_text(PASSING)
    return tmp_path


def test_a_passing_suite_passes(project, capsys):
    outcome = run_suites(project, ["suite"])
    assert (0, 1, ()) == (outcome.exit_code, outcome.passed, outcome.failed)
    assert "" == capsys.readouterr().out  # pytest's own output went to stderr


def test_a_failing_test_is_named_with_its_line_and_message(project):
    (project / "suite" / "test_bad.py").write_text(FAILING)
    outcome = run_suites(project, ["suite"])
    assert (1, 1) == (outcome.exit_code, outcome.passed)
    [failure] = outcome.failed
    assert ("suite/test_bad.py::test_wrong", "suite/test_bad.py", 7) == (failure.nodeid, failure.file, failure.line)
    assert "planted" in failure.message


def test_a_file_that_cannot_be_collected_fails(project):
    (project / "suite" / "test_broken.py").write_text("import no_such_module_here\n")
    outcome = run_suites(project, ["suite/test_broken.py"])
    assert not outcome.ok
    assert ["suite/test_broken.py"] == [f.file for f in outcome.failed]


def test_the_step_fails_with_each_failed_test_as_an_issue(project):
    (project / "suite" / "test_bad.py").write_text(FAILING)
    result = steps.suites(project, ["suite"], run=True, because="modules touched: qc")
    assert ("failed", "1 failed, 1 passed") == (result.status, result.summary)
    assert [("test-failed", "suite/test_bad.py", 7)] == [(i.rule, i.file, i.line) for i in result.issues]


def test_the_step_passes_skips_and_says_why(project):
    assert "passed" == steps.suites(project, ["suite"], run=True, because="x").status
    skipped = steps.suites(project, [], run=True, because="only docs or CI files changed")
    assert ("skipped", "no suite selected (only docs or CI files changed)") == (skipped.status, skipped.summary)
    assert "skipped" == steps.suites(project, ["suite"], run=False, because="x").status
