"""One run of a shadow candidate: on a worker thread, fenced, rolled back, abandoned past its timeout.

Whatever the candidate does, the caller gets back a `CandidateOutcome`, never an exception:

- it runs on a worker thread, in a copy of the caller's context (the routes of the unit of
  work, the pinned clock), so a hang costs the caller at most the timeout. Workers are kept
  and reused (starting a thread costs more than the rest of a shadow call): an idle one takes
  the next candidate, a new one is started only when none is idle, and one still busy with an
  abandoned candidate rejoins the idle ones only once that candidate has finished;
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

import collections
import contextvars
import logging
import os
import queue
import threading
import time
import weakref
from typing import TYPE_CHECKING, Any, Callable, Optional

import attrs
from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import SingletonThreadPool, StaticPool

from aicmo.shared.persistence.module_session import release_connection
from aicmo.strangler.dispatch.candidate_fence import CandidateFence

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

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
        self.done = threading.Lock()  # held until the run is over: released by the worker, waited on by the caller
        self.done.acquire()
        self.outcome = CandidateOutcome()
        self.driver: Any = None  # the candidate connection's DBAPI connection, to cut it when abandoned
        self.backend_pid: Optional[int] = None

    def work(self, build: Callable[["Connection"], Any], call: Callable[[Any], Any], kept: "_KeptConnection") -> None:
        wall_clock, cpu_clock = _REAL_CLOCKS
        try:
            connection = kept.begun(self.engine)
            try:
                self.driver = connection.connection.driver_connection
                self.backend_pid = getattr(getattr(self.driver, "info", None), "backend_pid", None)
                with self.fence.guarding(connection):
                    wall, cpu = wall_clock(), cpu_clock()
                    try:
                        result = call(build(connection))
                        self.outcome = CandidateOutcome(result, {"wall_s": wall_clock() - wall, "cpu_s": cpu_clock() - cpu})
                    except BaseException as exc:  # noqa: B036 - see the module docstring: nothing leaves the worker
                        self.outcome = CandidateOutcome(timing={"wall_s": wall_clock() - wall, "cpu_s": cpu_clock() - cpu},
                                                        fault=type(exc).__name__, error=_describe(exc))
            finally:
                self._end(connection, kept)
        except BaseException as exc:  # noqa: B036 - connecting failed, or the cut connection complained
            if self.outcome.fault is None and not self.fence.abandoned:
                self.outcome = CandidateOutcome(fault=type(exc).__name__, error=_describe(exc))

    def _end(self, connection: "Connection", kept: "_KeptConnection") -> None:
        """Roll back whatever transaction is open; an abandoned or broken connection is thrown away, never reused."""
        if not self.fence.abandoned or isinstance(self.engine.pool, StaticPool):
            try:
                connection.rollback()
                # and on the driver too: a refused commit can leave SQLAlchemy believing no transaction is open
                # while the database still holds one (the pool's reset did this when each run returned its connection)
                connection.connection.dbapi_connection.rollback()
                release_connection(connection)  # it was the candidate's module's; the next one may be another module's
                kept.done_with(connection)
                return
            except BaseException:  # noqa: B036
                pass
        kept.throw_away(connection)

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


class _KeptConnection:
    """The connection a worker keeps between the candidates of one engine, its transaction rolled back each time.

    Checking a connection out of the pool and back in (with the pool's own reset) costs more
    than the candidate's BEGIN and ROLLBACK; keeping it costs nothing, since between candidates
    no transaction is open, so no lock is held. An engine whose pool hands every caller the same
    connection (an in-memory SQLite database) is never kept from: each run connects and closes
    as before. A kept connection that turns out dead at BEGIN (its database dropped, the server
    restarted) is replaced once, before the candidate has run anything; disposing of the engine
    closes it (at once when idle, else when its candidate ends), as it closes the pool's own.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()  # the worker's thread and a thread disposing of the engine
        self._engine: Optional["Engine"] = None
        self._connection: Optional["Connection"] = None
        self._busy = self._stale = False
        _remember(self)

    def begun(self, engine: "Engine") -> "Connection":
        """A connection of `engine` with its transaction begun before the candidate runs: the new paths' kit
        joins a transaction it finds open, and would begin (then commit) one of its own otherwise."""
        if not _keepable(engine):
            connection = engine.connect()
            connection.begin()
            return connection
        with self._lock:
            self._busy = True
            kept = self._connection
            if kept is not None and (self._stale or self._engine is not engine or kept.invalidated or kept.closed):
                self._drop()
            if self._connection is not None:
                try:
                    self._connection.begin()
                    return self._connection
                except Exception:  # dead since the last candidate: a fresh one below
                    self._drop()
            self._engine, self._connection = engine, engine.connect()
        self._connection.begin()
        return self._connection

    def done_with(self, connection: "Connection") -> None:
        if connection is not self._connection:
            connection.close()
            return
        with self._lock:
            self._busy = False
            if self._stale:
                self._drop()

    def throw_away(self, connection: "Connection") -> None:
        try:
            connection.invalidate()
        finally:
            if connection is not self._connection:
                connection.close()
            else:
                with self._lock:
                    self._busy = False
                    self._engine = self._connection = None

    def release(self, engine: "Engine") -> None:
        """`engine` was disposed of: its kept connection goes too."""
        with self._lock:
            if self._engine is not engine:
                return
            if self._busy:
                self._stale = True  # dropped when its candidate ends
            else:
                self._drop()

    def _drop(self) -> None:
        connection, self._engine, self._connection, self._stale = self._connection, None, None, False
        if connection is not None:
            try:
                connection.invalidate()  # closed for good: a disposed engine's old pool would keep it open
                connection.close()
            except Exception:  # a dead connection may complain; it is gone either way
                pass


_KEPT: "weakref.WeakSet[_KeptConnection]" = weakref.WeakSet()
_kept_lock = threading.Lock()


def _remember(kept: _KeptConnection) -> None:
    with _kept_lock:
        _KEPT.add(kept)
        if not event.contains(Engine, "engine_disposed", _engine_disposed):
            event.listen(Engine, "engine_disposed", _engine_disposed)


def _engine_disposed(engine: "Engine") -> None:
    with _kept_lock:
        kept = list(_KEPT)
    for one in kept:
        one.release(engine)


def _keepable(engine: "Engine") -> bool:
    return not isinstance(engine.pool, (StaticPool, SingletonThreadPool))


class _Worker:
    """A daemon thread running one candidate after another; idle between them."""

    def __init__(self) -> None:
        self._runs: "queue.SimpleQueue[tuple[contextvars.Context, _Run, Callable[..., Any], Callable[..., Any]]]" = queue.SimpleQueue()
        self._kept = _KeptConnection()  # used by this worker's thread only
        threading.Thread(target=self._serve, name="shadow-candidate", daemon=True).start()

    def start(self, context: contextvars.Context, run: _Run, build: Callable[..., Any], call: Callable[..., Any]) -> None:
        self._runs.put((context, run, build, call))

    def _serve(self) -> None:
        while True:
            context, run, build, call = self._runs.get()
            try:
                context.run(run.work, build, call, self._kept)  # catches everything itself
            finally:
                # idle again before the caller wakes, so its next candidate finds this worker rather than a new one
                _IDLE.append(self)
                run.done.release()


_IDLE: "collections.deque[_Worker]" = collections.deque()  # append and pop are atomic: no lock needed

if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_IDLE.clear)  # a forked child has none of its parent's threads


def _worker() -> _Worker:
    try:
        return _IDLE.pop()
    except IndexError:
        return _Worker()


def run_candidate(
    module: str,
    engine: "Engine",
    build: Callable[["Connection"], Any],
    call: Callable[[Any], Any],
    timeout_s: float,
) -> CandidateOutcome:
    """`call(build(connection))` on a worker thread, inside a transaction that is always rolled back."""
    run = _Run(module, engine)
    wall = _REAL_CLOCKS[0]()
    _worker().start(contextvars.copy_context(), run, build, call)
    try:
        finished = run.done.acquire(timeout=max(timeout_s, 0.0))
    except BaseException:
        run.abandon()  # a real Ctrl-C (or SystemExit) of the caller: stop as asked, the candidate cut off first
        raise
    if not finished:
        run.abandon()
        waited = _REAL_CLOCKS[0]() - wall
        return CandidateOutcome(timing={"wall_s": waited}, fault=TIMEOUT_FAULT,
                                error=f"{TIMEOUT_FAULT}: still running after {timeout_s:g} s, abandoned")
    return run.outcome
