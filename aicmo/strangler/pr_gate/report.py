"""The gate's one report: each step's outcome and issues, rendered as text, JSON, SARIF or GitHub annotations.

Exit code: 2 when a step could not run (bad input, a missing manifest or configuration), else 1
when a step failed, else 0.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Optional

import attrs

from aicmo.strangler.ratchet.formats import github_annotation, sarif_document, sarif_result

FORMATS = ("text", "json", "github", "sarif")
PASSED, FAILED, SKIPPED, ERROR = "passed", "failed", "skipped", "error"
EXIT_PASSED, EXIT_FAILED, EXIT_CANNOT_RUN = 0, 1, 2


@attrs.frozen
class Issue:
    """One thing a step found: an error fails the gate, a warning (a baselined finding) does not."""

    rule: str
    file: str
    line: int
    message: str
    level: str = "error"
    key: str = ""


@attrs.frozen
class StepResult:
    name: str
    status: str
    summary: str
    issues: tuple[Issue, ...] = ()


@attrs.frozen
class GateReport:
    steps: tuple[StepResult, ...]
    base: Optional[str] = None  # None: the whole tree was checked, not a change
    changed: tuple[str, ...] = ()
    suites: tuple[str, ...] = ()
    suites_because: str = ""

    @property
    def exit_code(self) -> int:
        if any(s.status == ERROR for s in self.steps):
            return EXIT_CANNOT_RUN
        if any(s.status == FAILED for s in self.steps):
            return EXIT_FAILED
        return EXIT_PASSED

    @property
    def passed(self) -> bool:
        return self.exit_code == EXIT_PASSED


def _scope_line(report: GateReport) -> str:
    if report.base is None:
        return "scope: the whole tree"
    return f"scope: {len(report.changed)} changed file(s) against {report.base}"


def _suites_line(report: GateReport) -> str:
    chosen = ", ".join(report.suites) if report.suites else "none"
    return f"suites: {chosen} ({report.suites_because})"


def render_text(report: GateReport) -> str:
    """Errors always; baselined warnings only for a change (the whole tree's are in the baselines)."""
    lines = [_scope_line(report), _suites_line(report)]
    for step in report.steps:
        lines.append(f"{step.status.upper():7} {step.name}: {step.summary}")
        lines += [f"        {issue.level}: {issue.file}:{issue.line}: [{issue.rule}] {issue.message}"
                  for issue in step.issues if issue.level == "error" or report.base is not None]
    verdict = {EXIT_PASSED: "passed", EXIT_FAILED: "FAILED", EXIT_CANNOT_RUN: "could not run"}[report.exit_code]
    failing = [s.name for s in report.steps if s.status in (FAILED, ERROR)]
    lines.append(f"aicmo check {verdict}" + (f": {', '.join(failing)}" if failing else ""))
    return "\n".join(lines) + "\n"


def render_json(report: GateReport) -> str:
    document: dict[str, Any] = {
        "passed": report.passed,
        "exit_code": report.exit_code,
        "base": report.base,
        "changed": list(report.changed),
        "suites": {"selected": list(report.suites), "because": report.suites_because},
        "steps": [
            {"name": s.name, "status": s.status, "summary": s.summary,
             "issues": [attrs.asdict(i) for i in s.issues]}
            for s in report.steps
        ],
    }
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def _rule(step: StepResult, issue: Issue) -> str:
    return f"{step.name}/{issue.rule}"


def render_sarif(report: GateReport) -> str:
    results = []
    for step in report.steps:
        for issue in step.issues:
            baselined = issue.level == "warning"
            results.append(sarif_result(
                _rule(step, issue), "note" if baselined else "error", issue.message, issue.file, issue.line,
                issue.key or f"{_rule(step, issue)}:{issue.file}:{issue.line}",
                f"accepted in the committed {step.name} baseline" if baselined else "",
            ))
    return sarif_document("aicmo check", results)


def render_github(report: GateReport) -> str:
    """One annotation per issue, then the text report as plain log lines."""
    lines = [
        github_annotation(issue.level, issue.file, issue.line, _rule(step, issue), issue.message)
        for step in report.steps for issue in step.issues
    ]
    return "\n".join(lines) + ("\n" if lines else "") + render_text(report)


RENDERERS: dict[str, Callable[[GateReport], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
}
