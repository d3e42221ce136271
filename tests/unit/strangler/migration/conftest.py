"""A fresh strangler database of each backend and a fixed clock for each migration test."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Iterator

import pytest
from sqlalchemy.orm import Session, sessionmaker

from aicmo.shared.clock import FixedClock
from aicmo.shared.modules import MODULES
from aicmo.strangler.evidence import EvidenceRecorder
from aicmo.strangler.migration import PromotionPolicy, change_route
from aicmo.strangler.routes import Route
from aicmo.strangler.schema import strangler_sessions

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
COMMIT = "c0ffee" * 6 + "c0de"  # the commit being promoted in these tests
POLICY = PromotionPolicy(implemented=frozenset({"qc"}), commit=COMMIT)
# move() walks any module through the states (routing tests route several), as if each had a new implementation
_WALK = PromotionPolicy(implemented=frozenset(MODULES), commit=COMMIT)


@pytest.fixture
def sessions(database) -> sessionmaker:
    """The strangler's sessions on the test's database: once on SQLite, once on PostgreSQL."""
    return strangler_sessions(database.engine)


@pytest.fixture
def session(sessions) -> Iterator[Session]:
    with sessions() as opened:
        yield opened


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def recorder(sessions, clock) -> EvidenceRecorder:
    return EvidenceRecorder(sessions, clock)


def tick(clock: FixedClock, minutes: int = 1) -> None:
    clock.move_to(clock.now() + timedelta(minutes=minutes))


def move(sessions: sessionmaker, clock: FixedClock, module: str, *routes: Route) -> None:
    """Walk a module through legal steps, one transaction each."""
    for route in routes:
        with sessions.begin() as session:
            change_route(session, clock, module, route, "tester", f"to {route.value}", policy=_WALK,
                         confirm_deletion=True, deletion_blockers=[])
        tick(clock)


def full_evidence(recorder: EvidenceRecorder, module: str = "qc", comparisons: int = 200) -> None:
    recorder.record_suite_run(module, "characterization", "new", True, database=recorder.database, commit=COMMIT)
    recorder.record_suite_run(module, "contract", "new", True, database=recorder.database, commit=COMMIT)
    for _ in range(comparisons):
        recorder.record_comparison(module, True, inputs={"n": 1}, timings={"legacy_wall_ms": 1.0})
