"""The CI template and the pre-commit hooks: their structure, and the `aicmo` commands they name
run against a change in a scratch checkout (a planted import violation fails them, a clean
change passes)."""
from __future__ import annotations

import json
import re
import shlex

import pytest
import yaml

from tests.e2e.scratch_checkout import REPO, clone_for_change, edit, make_origin, plant, run_shell

WORKFLOW = REPO / "examples/ci/github-actions.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
# the values a pull request's run gives the expressions the commands use
EXPRESSIONS = {"github.base_ref": "main"}
VIOLATION = ("aicmo/qc/internal/planted.py", "from aicmo.production.internal import descriptor\n")


def slim_qc_suites(origin):
    """qc's suites replaced by one small test: the commands run quickly and still run a suite."""
    for path in [*(origin / "tests/port_suites/qc").glob("test_*.py"), *(origin / "tests/characterization").glob("test_qc*.py")]:
        path.unlink()
    (origin / "tests/port_suites/qc/test_small.py").write_text("def test_small():\n    assert 2 + 2 == 4\n")


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    return make_origin(tmp_path_factory.mktemp("templates") / "origin", slim_qc_suites)


@pytest.fixture
def checkout(origin, tmp_path):
    return clone_for_change(origin, tmp_path / "checkout")


def expand(command: str) -> str:
    def value(match: re.Match) -> str:
        assert match.group(1) in EXPRESSIONS, f"unknown expression {match.group(0)} in {command!r}"
        return EXPRESSIONS[match.group(1)]

    return re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", value, command)


def workflow_steps() -> list[dict]:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "write" == workflow["permissions"]["security-events"]
    [job] = workflow["jobs"].values()
    return job["steps"]


def step_using(steps, action: str) -> dict:
    [step] = [s for s in steps if s.get("uses", "").startswith(action + "@")]
    return step


def check_command(steps) -> str:
    [command] = [s["run"] for s in steps if s.get("run", "").startswith("aicmo check")]
    return command


def test_the_workflow_installs_checks_the_change_and_uploads_sarif():
    steps = workflow_steps()
    assert 0 == step_using(steps, "actions/checkout")["with"]["fetch-depth"]
    assert "python-version" in step_using(steps, "actions/setup-python")["with"]
    assert any(s.get("run", "").startswith("pip install -e ") for s in steps)
    command = shlex.split(expand(check_command(steps)))
    assert ["aicmo", "check", "--changed"] == command[:3]
    assert "github" == command[command.index("--format") + 1]
    upload = step_using(steps, "github/codeql-action/upload-sarif")
    assert command[command.index("--sarif") + 1] == upload["with"]["sarif_file"]
    assert "always()" in upload["if"]  # the report is uploaded when the check fails too
    order = [s.get("uses", s.get("run", "")).split("@")[0].split(" ")[0] for s in steps]
    assert order.index("actions/checkout") < order.index("pip") < order.index("aicmo") < order.index("github/codeql-action/upload-sarif")


def test_the_workflow_command_fails_a_violation_with_annotations_and_a_sarif_file(checkout):
    plant(checkout, *VIOLATION)
    done = run_shell(checkout, expand(check_command(workflow_steps())))
    assert 1 == done.returncode, done.stderr
    assert "::error file=aicmo/qc/internal/planted.py,line=1,title=boundaries/" in done.stdout
    assert "PASSED  suites: 1 passed in tests/port_suites/qc" in done.stdout  # qc's (small) suite ran
    sarif = json.loads((checkout / "aicmo-check.sarif").read_text())
    errors = [r for r in sarif["runs"][0]["results"] if r["level"] == "error"]
    assert ["aicmo/qc/internal/planted.py"] == [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in errors]


def test_the_workflow_command_fails_a_failing_suite_test_at_its_line(checkout):
    edit(checkout, "tests/port_suites/qc/test_small.py", "2 + 2 == 4", "2 + 2 == 5")
    done = run_shell(checkout, expand(check_command(workflow_steps())))
    assert 1 == done.returncode, done.stderr
    assert "::error file=tests/port_suites/qc/test_small.py,line=2,title=suites/test-failed::" in done.stdout
    assert "aicmo check FAILED: suites" in done.stdout


def test_the_workflow_command_passes_a_clean_change(checkout):
    edit(checkout, "README.md", "# AICMO", "# AICMO (edited)")
    done = run_shell(checkout, expand(check_command(workflow_steps())))
    assert 0 == done.returncode, done.stdout + done.stderr
    assert [] == json.loads((checkout / "aicmo-check.sarif").read_text())["runs"][0]["results"]


def hooks() -> list[dict]:
    found = yaml.safe_load(HOOKS.read_text())
    assert isinstance(found, list) and found
    for hook in found:
        assert {"id", "name", "entry", "language"} <= set(hook), hook
        assert ("python", False) == (hook["language"], hook["pass_filenames"]), hook["id"]
        assert hook["entry"].startswith("aicmo "), hook["id"]
    return found


def test_the_hooks_are_the_fast_checks():
    by_id = {hook["id"]: hook["entry"] for hook in hooks()}
    assert "aicmo check --changed --no-suites" == by_id["aicmo-check"]
    assert {"aicmo-check", "aicmo-boundaries", "aicmo-ownership", "aicmo-contracts"} == set(by_id)


def test_every_hook_passes_a_clean_change(checkout):
    plant(checkout, "aicmo/qc/internal/helper.py", "VALUE = 1\n")
    for hook in hooks():
        done = run_shell(checkout, hook["entry"])
        assert 0 == done.returncode, (hook["id"], done.stdout, done.stderr)


def test_the_gate_and_boundaries_hooks_fail_a_violation(checkout):
    plant(checkout, *VIOLATION)
    entries = {hook["id"]: hook["entry"] for hook in hooks()}
    for hook_id in ("aicmo-check", "aicmo-boundaries"):
        done = run_shell(checkout, entries[hook_id])
        assert 1 == done.returncode, (hook_id, done.stdout, done.stderr)
        assert "aicmo/qc/internal/planted.py" in done.stdout
