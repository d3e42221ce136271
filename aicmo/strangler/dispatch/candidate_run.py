"""One run of a shadow candidate: on a worker thread, fenced, rolled back, abandoned past its timeout.

Whatever the candidate does, the caller gets back a `CandidateOutcome`, never an exception:

- it runs on a thread of its own, in a copy of the caller's context (the routes of the unit of
  work, the pinned clock), so a hang costs the caller at most the timeout;
- every failure is caught there, `BaseException` included: `SystemExit` or `KeyboardInterrupt`
  raised by candidate code is a bug of the candidate, not a request to stop (Python delivers a
  real Ctrl-C to the main thread only, never to this worker), and `RecursionError` or
  `MemoryError` end only the candidate's stack;
- a real Ctrl-C arriving while the caller waits for the candidate is let through: the operator
  asked the program to stop, and a shadow comparison is not worth an unkillable program. The
  candidate is abandoned first, so nothing it does afterwards can commit;
- its writes go to one connection whose transaction is always rolled back, behind the
  `CandidateFence`, which refuses writes anywhere else and the commit of that transaction.

Abandoning a candidate that ran past its timeout: the fence refuses its every later statement,
and its connection is cut so that the locks its doomed transaction holds are released at once
(PostgreSQL: the server ends the candidate's backend; SQLite: the running statement is
interrupted and the connection closed, which rolls back). The thread itself cannot be killed in
Python; it is a daemon, finishes on its own or dies with the process, and whatever it then tries
fails at the fence or on the closed connection.
"""
from __future__ import annotations

import contextvars
import logging
import threading
import time
from typing import TYPE_CHECKING, Any, Callable, Optional

import attrs
from sqlalchemy import text
from sqlalchemy.pool import StaticPool

from aicmo.strangler.dispatch.candidate_fence import CandidateFence

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

__all__ = ["TIMEOUT_FAULT", "CandidateOutcome", "run_candidate"]

log = logging.getLogger(__name__)

TIMEOUT_FAULT = "timeout"  # the fault kind of an abandoned candidate; any other kind is an exception's class name

# see shadow.py: freezegun replaces module attributes that are these clocks
_REAL_CLOCKS = (time.perf_counter, time.process_time)


@attrs.frozen
class CandidateOutcome:
    """What the candidate answered, how long it took, or the kind of fault that stopped it."""

    result: Any = None
    timing: dict[str, float] = attrs.Factory(dict)
    fault: Optional[str] = None  # "timeout", or the class name of what it raised
    error: Optional[str] = None  # one line for the record: "RecursionError: maximum recursion depth exceeded"


def _describe(exc: BaseException) -> str:
    try:
        detail = str(exc).splitlines()[0] if str(exc) else ""
    except BaseException:  # a MemoryError may leave no room to format the message; the kind is enough
        detail = ""
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


class _Run:
    """The state one candidate run shares between the caller's thread and the worker."""

    def __init__(self, module: str, engine: "Engine") -> None:
        self.fence = CandidateFence(module)
        self.engine = engine
        self.done = threading.Event()
        self.outcome = CandidateOutcome()
        self.driver: Any = None  # the candidate connection's DBAPI connection, to cut it when abandoned
        self.backend_pid: Optional[int] = None

    def work(self, build: Callable[["Connection"], Any], call: Callable[[Any], Any]) -> None:
        wall_clock, cpu_clock = _REAL_CLOCKS
        try:
            with self.engine.connect() as connection:
                self.driver = connection.connection.driver_connection
                self.backend_pid = getattr(getattr(self.driver, "info", None), "backend_pid", None)
                try:
                    with self.fence.guarding(connection):
                        connection.begin()
                        wall, cpu = wall_clock(), cpu_clock()
                        try:
                            result = call(build(connection))
                            self.outcome = CandidateOutcome(result, {"wall_s": wall_clock() - wall, "cpu_s": cpu_clock() - cpu})
                        except BaseException as exc:  # noqa: B036 - see the module docstring: nothing leaves the worker
                            self.outcome = CandidateOutcome(timing={"wall_s": wall_clock() - wall, "cpu_s": cpu_clock() - cpu},
                                                            fault=type(exc).__name__, error=_describe(exc))
                finally:
                    self._end(connection)
        except BaseException as exc:  # noqa: B036 - connecting failed, or the cut connection complained
            if self.outcome.fault is None and not self.fence.abandoned:
                self.outcome = CandidateOutcome(fault=type(exc).__name__, error=_describe(exc))
        finally:
            self.done.set()

    def _end(self, connection: "Connection") -> None:
        """Roll back whatever transaction is open; an abandoned or broken connection is thrown away, never pooled."""
        if not self.fence.abandoned or isinstance(self.engine.pool, StaticPool):
            try:
                connection.rollback()
                return
            except BaseException:  # noqa: B036
                pass
        connection.invalidate()

    def abandon(self) -> None:
        """Refuse the candidate's every later statement and release what its transaction holds."""
        self.fence.abandoned = True
        driver = self.driver
        if driver is None:
            return
        try:
            if self.engine.dialect.name == "postgresql" and self.backend_pid is not None:
                # the server rolls the backend's transaction back and frees its locks, whatever the thread is doing
                with self.engine.connect() as admin:
                    admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": self.backend_pid})
                    admin.commit()
            elif self.engine.dialect.name == "sqlite":
                driver.interrupt()  # a running statement stops
                # the open transaction is rolled back and any later use fails; an in-memory
                # database's one shared connection (StaticPool) is the database itself, so it stays
                if not isinstance(self.engine.pool, StaticPool):
                    driver.close()
        except Exception as exc:  # the fence still refuses everything; the record says it was abandoned
            log.warning("shadow %s: could not cut the abandoned candidate's connection: %s", self.fence.module, _describe(exc))


def run_candidate(
    module: str,
    engine: "Engine",
    build: Callable[["Connection"], Any],
    call: Callable[[Any], Any],
    timeout_s: float,
) -> CandidateOutcome:
    """`call(build(connection))` on a worker thread, inside a transaction that is always rolled back."""
    run = _Run(module, engine)
    context = contextvars.copy_context()
    worker = threading.Thread(target=context.run, args=(run.work, build, call), name=f"shadow-{module}", daemon=True)
    wall = _REAL_CLOCKS[0]()
    worker.start()
    try:
        finished = run.done.wait(timeout_s)
    except BaseException:
        run.abandon()  # a real Ctrl-C (or SystemExit) of the caller: stop as asked, the candidate cut off first
        raise
    if not finished:
        run.abandon()
        waited = _REAL_CLOCKS[0]() - wall
        return CandidateOutcome(timing={"wall_s": waited}, fault=TIMEOUT_FAULT,
                                error=f"{TIMEOUT_FAULT}: still running after {timeout_s:g} s, abandoned")
    return run.outcome
