"""Where a journey's wall time goes: timers around the code that runs, installed for a benchmark's extra rounds only.

The timers cost time themselves, so these rounds are separate from the ones whose wall and CPU
time are reported. Per journey, in milliseconds:

- ``engine per step``: the workflow engine's own work around each port call (looking up the
  step's checkpoint, writing it, its system database commit), i.e. ``DBOS.run_step`` minus the
  call it runs;
- ``idempotency records``: looking up and writing the ACL's durable idempotency records;
- ``app commits`` / ``system commits``: the SQLite driver's COMMIT on each file;
- ``port and legacy work``: what remains of the port calls (legacy's services, their queries,
  translation to DTOs, sessions), the calls the workflow makes outside steps included (its
  keyed calls, whose idempotency record is their checkpoint, and its plain calls);
- ``steps`` and ``ORM sessions``: how many steps the engine ran, and how many SQLAlchemy
  sessions ran a statement (legacy's, the ACL's one per port call, the strangler's);
- ``outside steps``: the rest of the workflow's journey: starting and finishing it, its id, the
  routes, reading each result back through its declared type, the JSON output (without the
  engine these count as port and legacy work).
"""
from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from sqlite_commits import CommitCounter

__all__ = ["COLUMNS", "COUNTS", "Timers", "timed"]

COLUMNS = ("port and legacy work", "idempotency records", "app commits", "engine per step", "system commits", "outside steps")
COUNTS = ("steps", "ORM sessions")  # per journey: the engine's steps, the SQLAlchemy sessions that ran a statement


class Timers:
    """Seconds per category since the last reset(), on the thread that runs the journeys.

    The workflow runs in its caller's thread; the engine's background threads (its listener,
    its queues) commit on the system database now and then, which is not the journey's time.
    """

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.counts: Counter[str] = Counter()
        self._thread = threading.get_ident()

    def reset(self) -> None:
        self.seconds.clear()
        self.counts.clear()

    def count(self, name: str) -> None:
        if threading.get_ident() == self._thread:
            self.counts[name] += 1

    def add(self, name: str, seconds: float) -> None:
        if threading.get_ident() == self._thread:
            self.seconds[name] += seconds

    def split(self, total: float, durable: bool) -> dict[str, float]:
        """The journey's ``total`` seconds over COLUMNS, and its COUNTS."""
        s = self.seconds
        steps, in_steps, outside = s["run_step"], s["step call"], s["call outside steps"]
        # without the engine, the whole journey is its port calls (or legacy's flow)
        in_ports = in_steps + outside if durable else total
        return {
            "port and legacy work": in_ports - s["idempotency records"] - s["app commits"],
            "idempotency records": s["idempotency records"],
            "app commits": s["app commits"],
            "engine per step": steps - in_steps - s["system commits"],
            "system commits": s["system commits"],
            "outside steps": total - steps - outside if durable else 0.0,
            **{name: float(self.counts[name]) for name in COUNTS},
        }


def _wrap(owner: Any, name: str, timers: Timers, category: str) -> Callable[[], None]:
    original = getattr(owner, name)

    def timed_call(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            timers.add(category, time.perf_counter() - started)

    setattr(owner, name, timed_call)
    return lambda: setattr(owner, name, original)


def _calls_outside_steps(durable_ports: Any, timers: Timers) -> Callable[[], None]:
    """The port calls the workflow makes without a step (keyed and plain calls) timed as port work."""
    restores = []
    for factory in ("_keyed", "_plain"):
        original = getattr(durable_ports, factory)

        def timed_factory(name: str, target: Callable[..., Any], *rest: Any, _original: Any = original) -> Any:
            def timed_target(*args: Any, **kwargs: Any) -> Any:
                started = time.perf_counter()
                try:
                    return target(*args, **kwargs)
                finally:
                    timers.add("call outside steps", time.perf_counter() - started)

            return _original(name, timed_target, *rest)

        setattr(durable_ports, factory, timed_factory)
        restores.append(lambda factory=factory, original=original: setattr(durable_ports, factory, original))
    return lambda: [restore() for restore in restores]  # type: ignore[func-returns-value]


@contextmanager
def timed(timers: Timers, commits: CommitCounter) -> Iterator[None]:
    """Timers installed around the workflow engine's steps, the calls outside them, the idempotency records and every
    SQLite COMMIT."""
    import acl._support.idempotency as idempotency
    import aicmo.orchestration.durable.ports as durable_ports
    from dbos import DBOS
    from sqlalchemy import event
    from sqlalchemy.dialects.sqlite.base import SQLiteDialect
    from sqlalchemy.orm import Session

    run_step = DBOS.__dict__["run_step"]
    original_run_step = run_step.__func__

    def run_step_timed(cls: Any, options: Any, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        def call(*a: Any, **k: Any) -> Any:
            started = time.perf_counter()
            try:
                return func(*a, **k)
            finally:
                timers.add("step call", time.perf_counter() - started)

        timers.count("steps")
        started = time.perf_counter()
        try:
            return original_run_step(cls, options, call, *args, **kwargs)
        finally:
            timers.add("run_step", time.perf_counter() - started)

    original_commit = SQLiteDialect.do_commit

    def do_commit(self: Any, dbapi_connection: Any) -> None:
        started = time.perf_counter()
        try:
            original_commit(self, dbapi_connection)
        finally:
            # SQLAlchemy passes the pool's proxy; the counter knows the driver connection behind it
            file = commits.file_of(getattr(dbapi_connection, "dbapi_connection", dbapi_connection))
            timers.add("system commits" if file.endswith(".dbos.db") else "app commits", time.perf_counter() - started)

    def session_began(_session: Any, _transaction: Any, _connection: Any) -> None:
        timers.count("ORM sessions")

    restores = [_wrap(idempotency, "find_record", timers, "idempotency records"),
                _wrap(idempotency, "add_record", timers, "idempotency records"),
                _calls_outside_steps(durable_ports, timers)]
    DBOS.run_step = classmethod(run_step_timed)  # type: ignore[method-assign,assignment]
    SQLiteDialect.do_commit = do_commit  # type: ignore[method-assign]
    event.listen(Session, "after_begin", session_began)
    try:
        yield
    finally:
        event.remove(Session, "after_begin", session_began)
        DBOS.run_step = run_step  # type: ignore[method-assign]
        SQLiteDialect.do_commit = original_commit  # type: ignore[method-assign]
        for restore in restores:
            restore()
