"""pytest plugin: record the outcome of the marked suites as promotion evidence.

A test belongs to a suite by its marker::

    pytestmark = pytest.mark.aicmo_evidence(module="qc", suite="characterization", routes={"qc": "new"})

(`routes` may come from a closer marker, e.g. a fixture parameter's, and says which modules
ran on which route; a module not named there ran on legacy.) The kind of database a test ran
on is the parameter of its ``database`` fixture (sqlite or postgresql; a test without it ran on
SQLite), and each kind is a suite run of its own: the gate of a PostgreSQL deployment reads
only the runs on PostgreSQL. With
``pytest --record-evidence DATABASE_URL`` each suite that ran whole is written, when the
session ends, as one suite run (module, suite, path, passed) to the strangler tables of that
database — the evidence `aicmo migrate promote` reads. Nothing is recorded without the option,
and a partial run (deselected or single tests, stopped early) records nothing for its suite.

Registered through the ``pytest11`` entry point; the evidence database is opened only when asked to record.
"""
from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from aicmo.strangler.evidence.suite_tally import MARKER, EvidenceKey, SuiteTally, evidence_key


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("aicmo").addoption(
        "--record-evidence",
        metavar="DATABASE_URL",
        default=None,
        help="record each marked suite that runs whole as promotion evidence in the strangler tables of DATABASE_URL",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: Any) -> None:
    """Each test is a unit of work for shadow evidence: the comparisons it left buffered are written
    before its fixtures (its database among them) are torn down, never into the next test's."""
    batch = sys.modules.get("aicmo.strangler.evidence.comparison_batch")
    if batch is not None:
        batch.flush_comparisons()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(module=, suite=, routes=): the test belongs to a module's characterization or contract suite, "
        "run with these routes ({module: 'new'}); recorded with --record-evidence",
    )
    url = config.getoption("--record-evidence")
    if url is not None:
        config.pluginmanager.register(EvidenceRecording(config, _recorder(url)), "aicmo-evidence-recording")


def _recorder(url: str) -> Any:
    """Open the evidence database now: a wrong URL must stop the run before any test, not after.

    An embedded SQLite database is migrated here; another must have been migrated already.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from aicmo.shared.persistence.engines import DatabaseUnavailable, normalize_url
    from aicmo.shared.persistence.migrations import DatabaseNotReady
    from aicmo.strangler.evidence import EvidenceRecorder
    from aicmo.strangler.schema import open_database

    try:
        sqlite = make_url(normalize_url(url)).get_backend_name() == "sqlite"
        return EvidenceRecorder(open_database(url, upgrade_first=sqlite))
    except ArgumentError:
        raise pytest.UsageError(f"--record-evidence: '{url}' is not a database URL") from None
    except (DatabaseUnavailable, DatabaseNotReady) as exc:
        raise pytest.UsageError(f"--record-evidence: {exc}") from None
    except SQLAlchemyError as exc:
        raise pytest.UsageError(f"--record-evidence: cannot open {url}: {str(exc).splitlines()[0]}") from None


class EvidenceRecording:
    """The hooks of one recording session: tally the marked tests, record the whole suites at the end."""

    def __init__(self, config: pytest.Config, recorder: Any) -> None:
        self.config = config
        self.recorder = recorder
        self.tally = SuiteTally()
        self.keys: dict[str, EvidenceKey] = {}
        self.lines: list[str] = []

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        for item in items:
            if key := evidence_key(item.iter_markers(MARKER), database_of(item)):
                self.tally.deselected(key)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        from aicmo.strangler.evidence.recording import EvidenceError, check_suite_run

        for item in session.items:
            if key := evidence_key(item.iter_markers(MARKER), database_of(item)):
                try:  # a marker the gate could never read fails now, not after the whole run
                    check_suite_run(key.module, key.suite, key.path)
                except EvidenceError as exc:
                    raise pytest.UsageError(f"{item.nodeid}: @pytest.mark.{MARKER}: {exc}") from None
                self.keys[item.nodeid] = key
                self.tally.collected(key)
        if any("::" in arg for arg in self.config.args):
            self.tally.narrowed("the run was narrowed to single tests")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        key = self.keys.get(report.nodeid)
        if key is not None:
            self.tally.outcome(key, report.nodeid, report.when, report.outcome)

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if exitstatus == pytest.ExitCode.INTERRUPTED:
            self.lines.append("nothing recorded: the run was interrupted")
            return
        from aicmo.strangler.evidence.code_version import code_commit

        provenance, commit = _provenance(self.config), code_commit()
        try:
            for key, group in self.tally.recordable().items():
                self.recorder.record_suite_run(
                    key.module, key.suite, key.path, group.succeeded, detail=f"{group.summary()}; {provenance}", database=key.database,
                    commit=commit,
                )
                self.lines.append(f"recorded: {key}: {'passed' if group.succeeded else 'FAILED'} ({group.summary()})")
        except Exception as exc:  # the tests ran; say the evidence is missing, and fail the run
            self.lines.append(f"evidence NOT recorded: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
            session.exitstatus = pytest.ExitCode.INTERNAL_ERROR
        for key, why in self.tally.not_recordable().items():
            self.lines.append(f"not recorded: {key}: {why}")

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        terminalreporter.section("promotion evidence")
        for line in self.lines or ["no marked suite ran"]:
            terminalreporter.write_line(line)


def database_of(item: pytest.Item) -> str:
    """The kind of database a test ran on: its `database` fixture's parameter, else SQLite (in memory)."""
    callspec = getattr(item, "callspec", None)
    return str(callspec.params.get("database", "sqlite")) if callspec is not None else "sqlite"


def _provenance(config: pytest.Config) -> str:
    """What ran: the pytest arguments and, in a git checkout, the commit."""
    args = " ".join(config.invocation_params.args) or "(no arguments)"
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=config.rootpath, capture_output=True, text=True, timeout=5, check=False
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return f"pytest {args}" + (f" at {commit}" if commit else "")
