"""The gate's report: its exit code and its four renderings."""
from __future__ import annotations

import json

import pytest

from aicmo.strangler.pr_gate.gate import _guarded
from aicmo.strangler.pr_gate.report import (
    ERROR, FAILED, PASSED, SKIPPED, GateReport, Issue, StepResult, render_github, render_json, render_sarif, render_text,
)
from tests.unit.strangler.workflow_commands import read_workflow_command

ODD_FILE = "aicmo/qc/we:ird,name%20.py"
ODD_MESSAGE = "100% wrong\r\nsecond line :: a, b"


def report(*statuses: str, base="origin/HEAD") -> GateReport:
    names = ("legacy-freeze", "contracts", "boundaries", "ownership", "suites")
    return GateReport(tuple(StepResult(n, s, f"{n} {s}") for n, s in zip(names, statuses)), base, ("a.py",))


@pytest.mark.parametrize("statuses, code", [
    ((PASSED, PASSED, PASSED, PASSED, SKIPPED), 0),
    ((PASSED, FAILED, PASSED, PASSED, PASSED), 1),
    ((FAILED, PASSED, ERROR, PASSED, PASSED), 2),  # a step that could not run outranks a failure
])
def test_the_exit_code_is_the_worst_step(statuses, code):
    assert code == report(*statuses).exit_code


def failing() -> GateReport:
    boundaries = StepResult("boundaries", FAILED, "1 new", (
        Issue("api-only", ODD_FILE, 3, ODD_MESSAGE, key="k1"),
        Issue("god-module", "backend/x.py", 9, "baselined one", "warning", "k2"),
    ))
    return GateReport((StepResult("legacy-freeze", PASSED, "legacy untouched"), boundaries), "main", (ODD_FILE,))


def test_github_annotations_escape_the_planted_file_name_and_message():
    lines = render_github(failing()).splitlines()
    command, props, data = read_workflow_command(lines[0])
    assert ("error", {"file": ODD_FILE, "line": "3", "title": "boundaries/api-only"}, ODD_MESSAGE) == (command, props, data)
    assert "\r" not in lines[0] and lines[1].startswith("::warning file=backend/x.py,line=9,title=boundaries/god-module::")
    assert "aicmo check FAILED: boundaries" == lines[-1]


def test_sarif_is_one_run_with_every_rule_and_baselined_findings_suppressed():
    document = json.loads(render_sarif(failing()))
    assert "2.1.0" == document["version"] and document["$schema"].endswith("sarif-2.1.0.json")
    [run] = document["runs"]
    assert "aicmo check" == run["tool"]["driver"]["name"]
    assert [{"id": "boundaries/api-only"}, {"id": "boundaries/god-module"}] == run["tool"]["driver"]["rules"]
    new, baselined = run["results"]
    assert ("error", ODD_MESSAGE, ODD_FILE, 3) == (
        new["level"], new["message"]["text"], new["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        new["locations"][0]["physicalLocation"]["region"]["startLine"])
    assert ("note", "external") == (baselined["level"], baselined["suppressions"][0]["kind"])
    assert "suppressions" not in new


def test_json_carries_every_step_and_issue():
    document = json.loads(render_json(failing()))
    assert (False, 1, "main") == (document["passed"], document["exit_code"], document["base"])
    assert ["legacy-freeze", "boundaries"] == [s["name"] for s in document["steps"]]
    assert ["k1", "k2"] == [i["key"] for i in document["steps"][1]["issues"]]


def test_text_lists_errors_and_ends_with_the_verdict():
    text = render_text(failing())
    assert f"error: {ODD_FILE}:3: [api-only]" in text
    assert "warning: backend/x.py:9" in text  # a change shows the baselined findings it touches
    whole_tree = GateReport(failing().steps)
    assert "warning:" not in render_text(whole_tree) and "scope: the whole tree" in render_text(whole_tree)
    assert render_text(report(PASSED, PASSED)).endswith("aicmo check passed\n")


def test_a_step_that_raises_fails_and_says_why():
    def broken() -> StepResult:
        raise ImportError("cannot import name 'QcPort'")

    result = _guarded("contracts", broken)
    assert FAILED == result.status
    assert "the contracts check crashed: ImportError: cannot import name 'QcPort'" == result.issues[0].message
