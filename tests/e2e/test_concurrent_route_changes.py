"""Route changes are race-free: twenty `aicmo migrate promote|rollback` processes at once.

Each scenario starts 20 real command processes together, half promoting qc and half rolling
it back, and then reads the audit trail: every route row's `from` is the previous row's `to`
(no change was evaluated on stale state, no transition written twice), every step is one step,
the stored route is the last row's `to`, and every process either changed the route (exit 0,
one audit row each) or was refused in one line (exit 1) — never a crash, never a database
error. "fresh": an SQLite file that does not exist yet, which all 20 create and migrate at
once. "gated": qc on shadow with its evidence recorded, so promotions through the gate race
with rollbacks; once on an SQLite file, once on PostgreSQL.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import select

from aicmo.orchestration.bootstrap import prepare_database
from aicmo.shared.clock import SystemClock
from aicmo.strangler.evidence import EvidenceRecorder
from aicmo.strangler.migration import PromotionPolicy, change_route
from aicmo.strangler.routes import Route, RouteChangeRow, check_transition
from aicmo.strangler.routes.tables import ModuleRouteRow
from aicmo.strangler.schema import open_database, strangler_sessions
from tests.databases import database_parameters, migrated_database
from tests.e2e.conftest import AICMO_PROCESS as COMMAND

PROCESSES = 20
COMMIT = "feed" * 10


def _race(url: str, folder) -> list[subprocess.CompletedProcess]:
    env = {**os.environ, "AICMO_COMMIT": COMMIT, "AICMO_GATE_MIN_COMPARISONS": "1"}
    env.pop("AICMO_DATABASE_URL", None)
    started = []
    for n in range(PROCESSES):
        verb = "promote" if n % 2 == 0 else "rollback"
        started.append(subprocess.Popen(
            [sys.executable, "-c", COMMAND, "migrate", verb, "qc", "--reason", f"{verb} {n}", "--who", f"p{n}", "--database-url", url],
            cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    return [subprocess.CompletedProcess(p.args, p.wait(timeout=120), *p.communicate()) for p in started]


def _refusal(outcome: subprocess.CompletedProcess) -> bool:
    """Exit 1 with one line of error that is a rule's refusal, not a database failure."""
    lines = outcome.stderr.strip().splitlines()
    return outcome.returncode == 1 and len(lines) == 1 and lines[0].startswith("error:") and "database error" not in lines[0]


def _check_history(url: str, outcomes: list[subprocess.CompletedProcess], start: Route, rows_before: int) -> None:
    crashes = [(o.returncode, o.stderr[-500:]) for o in outcomes if o.returncode != 0 and not _refusal(o)]
    assert [] == crashes
    with open_database(url)() as session:
        rows = list(session.scalars(select(RouteChangeRow).where(RouteChangeRow.module == "qc", RouteChangeRow.kind == "route")
                                    .order_by(RouteChangeRow.id)))[rows_before:]
        stored = session.get(ModuleRouteRow, "qc")
    route = start
    for row in rows:
        assert route.value == row.from_value, f"audit row {row.id} ({row.why}) starts from {row.from_value}, the route was {route.value}"
        check_transition("qc", route, Route(row.to_value))  # one step, no state skipped
        route = Route(row.to_value)
    assert route.value == (stored.route if stored else Route.LEGACY.value)
    assert sum(o.returncode == 0 for o in outcomes) == len(rows)


def test_twenty_changes_on_a_fresh_sqlite_file(tmp_path):
    """All processes create and migrate the same new file and change the route: one consistent history."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    outcomes = _race(url, tmp_path)
    _check_history(url, outcomes, Route.LEGACY, 0)
    assert any(o.returncode == 0 for o in outcomes)


@pytest.fixture(params=database_parameters())
def gated(request, postgres, tmp_path):
    """qc on shadow with fresh evidence (suite runs at COMMIT, one comparison), on an SQLite file or PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'app.db'}"
        prepare_database(url, upgrade=True)
    else:
        url = next(migrated_database("postgresql", postgres)).url
    sessions = strangler_sessions(prepare_database(url))
    with sessions.begin() as session:
        change_route(session, SystemClock(), "qc", Route.SHADOW, "setup", "shadow qc",
                     policy=PromotionPolicy(implemented=frozenset({"qc"})))
    recorder = EvidenceRecorder(sessions)
    for suite in ("characterization", "contract"):
        recorder.record_suite_run("qc", suite, "new", True, database=recorder.database, commit=COMMIT)
    recorder.record_comparison("qc", True)
    return url


def test_twenty_gated_changes_at_once(gated, tmp_path):
    """Promotions through the gate race rollbacks: every change applies to the state the previous one left."""
    outcomes = _race(gated, tmp_path)
    _check_history(gated, outcomes, Route.SHADOW, 1)
