"""Run the selected suites with pytest in this process and keep what failed.

pytest's own progress goes to stderr, so the report on stdout stays one document in every format.
"""
from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any

import attrs

# pytest's exit codes: 1 tests failed, 2 interrupted (a collection error), 5 none collected;
# 3 (internal error) and 4 (usage error) mean the suites could not be run at all
CANNOT_RUN = (3, 4)


@attrs.frozen
class SuiteFailure:
    nodeid: str
    file: str
    line: int
    message: str


@attrs.frozen
class SuiteOutcome:
    exit_code: int
    passed: int
    failed: tuple[SuiteFailure, ...]

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


def _crash(report: Any, file: Path) -> tuple[int | None, str]:
    """The one-line message of the failure, as pytest's short summary shows it, and its line when
    it happened in the test's own file (a helper's line would point into another file)."""
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None:
        message = crash.message.splitlines()[0] if crash.message else "failed"
        same_file = Path(crash.path).resolve() == file.resolve()
        return (crash.lineno if same_file else None), message
    text = str(report.longrepr).strip().splitlines()
    return None, text[-1] if text else "failed"


class _Collector:
    """A pytest plugin keeping every failed test and collection error, and counting passes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.passed = 0
        self.failed: list[SuiteFailure] = []

    def _keep(self, report: Any, file: str, line: int) -> None:
        crash_line, message = _crash(report, self.root / file)
        self.failed.append(SuiteFailure(report.nodeid, file, crash_line or line, message))

    def pytest_runtest_logreport(self, report: Any) -> None:
        if report.failed:
            file, line, _ = report.location
            self._keep(report, file, (line or 0) + 1)
        elif report.when == "call" and report.passed:
            self.passed += 1

    def pytest_collectreport(self, report: Any) -> None:
        if report.failed:
            self._keep(report, report.nodeid.split("::")[0], 1)


def run_suites(root: Path, paths: list[str]) -> SuiteOutcome:
    collector = _Collector(root)
    arguments = [
        "-q", "-p", "no:cacheprovider", "--rootdir", str(root), "-c", str(root / "pyproject.toml"),
        *(str(root / path) for path in paths),
    ]
    import pytest  # here: only a run with suites loads pytest

    with contextlib.redirect_stdout(sys.stderr):
        code = int(pytest.main(arguments, plugins=[collector]))
    return SuiteOutcome(code, collector.passed, tuple(collector.failed))
