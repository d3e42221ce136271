"""The process's shadow comparisons waiting to be written, written many to one transaction.

A commit per comparison costs milliseconds on a SQLite file (its journal is synced); one
transaction for a few hundred costs about as much as one for a single row. So the shadow runner
leaves its comparisons here and they are written together:

- as one arrives, when `max_rows` are waiting or the oldest has waited `max_age_s`;
- at the end of every unit of work: the journey and acquisition runners call
  `flush_comparisons()` when they return or raise;
- when the interpreter exits cleanly (an atexit hook).

A batch that cannot be written is counted as lost, each of its comparisons by module and
method with the reason, exactly as a single comparison that could not be recorded always was;
flushing never raises, so no caller ever fails because its evidence could not be kept.

The batch is written on the thread that fills or flushes it, after that caller's legacy call
committed. A background writer would not take the cost off the caller on SQLite: it would hold
the file's one write lock while the caller's next transaction waits for it. A forked child
starts with nothing waiting, so its parent's comparisons are written once, by the parent.
"""
from __future__ import annotations

import atexit
import logging
import os
import threading
import time
from typing import TYPE_CHECKING, Any, Callable, Optional

from sqlalchemy import insert

from aicmo.strangler.evidence.tables import LostComparisonRow, ShadowComparisonRow

if TYPE_CHECKING:
    from aicmo.strangler.evidence.kept_inputs import KeptInput
    from sqlalchemy.orm import sessionmaker

__all__ = ["ComparisonBatch", "PENDING", "flush_comparisons"]

log = logging.getLogger(__name__)

DEFAULT_MAX_ROWS = 256
DEFAULT_MAX_AGE_S = 2.0

# in a tuple, as dispatch/shadow.py holds its clocks: freezegun replaces module attributes that are clocks
_REAL_CLOCK = (time.monotonic,)


def _reason(exc: BaseException) -> str:
    first = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {first}".rstrip(": ")


class ComparisonBatch:
    """Comparison rows waiting, each with the sessions of the database it belongs to."""

    def __init__(self, max_rows: int = DEFAULT_MAX_ROWS, max_age_s: float = DEFAULT_MAX_AGE_S) -> None:
        self.max_rows = max_rows
        self.max_age_s = max_age_s
        self._lock = threading.Lock()
        self._waiting: list[tuple["sessionmaker", dict[str, Any], Callable[[], Any]]] = []
        self._kept: list[tuple["sessionmaker", "KeptInput"]] = []  # matched calls' inputs, to be replayed
        self._oldest: Optional[float] = None

    def __len__(self) -> int:
        return len(self._waiting)

    def add(self, sessions: "sessionmaker", row: dict[str, Any], now: Callable[[], Any],
            kept: Optional["KeptInput"] = None) -> None:
        """Keep one comparison row (the table's columns); written now if the batch is full or old.

        `now` is the recorder's clock, read again to date a loss; `kept` is a matched call's
        input to keep for replays, written after the comparisons.
        """
        with self._lock:
            self._waiting.append((sessions, row, now))
            if kept is not None:
                self._kept.append((sessions, kept))
            if self._oldest is None:
                self._oldest = _REAL_CLOCK[0]()
            due = len(self._waiting) >= self.max_rows or _REAL_CLOCK[0]() - self._oldest >= self.max_age_s
        if due:
            self.flush()

    def flush(self) -> int:
        """Write every waiting comparison, one transaction per database; returns how many were written."""
        with self._lock:
            waiting, self._waiting, self._oldest = self._waiting, [], None
            kept, self._kept = self._kept, []
        by_database: dict[int, tuple["sessionmaker", list[dict[str, Any]], Callable[[], Any]]] = {}
        for sessions, row, now in waiting:
            by_database.setdefault(id(sessions), (sessions, [], now))[1].append(row)
        written = 0
        for sessions, rows, now in by_database.values():
            try:
                with sessions.begin() as session:
                    # the table's own insert, many rows at once: the ORM's bulk path adds work per row for nothing here
                    session.execute(insert(ShadowComparisonRow.__table__), rows)
                written += len(rows)
            except Exception as exc:  # only Exception: a real Ctrl-C while writing still stops the program
                _count_lost(sessions, rows, _reason(exc), now)
        if kept:
            _write_kept(kept)
        return written

    def forget(self) -> None:
        """Drop what is waiting without writing it (a forked child: its parent writes it)."""
        with self._lock:
            self._waiting, self._kept, self._oldest = [], [], None


def _write_kept(kept: list[tuple["sessionmaker", "KeptInput"]]) -> None:
    from aicmo.strangler.evidence.kept_inputs import write_kept_inputs

    by_database: dict[int, tuple["sessionmaker", list["KeptInput"]]] = {}
    for sessions, one in kept:
        by_database.setdefault(id(sessions), (sessions, []))[1].append(one)
    for sessions, inputs in by_database.values():
        write_kept_inputs(sessions, inputs)


def _count_lost(sessions: "sessionmaker", rows: list[dict[str, Any]], reason: str, now: Callable[[], Any]) -> None:
    modules = sorted({r["module"] for r in rows})
    log.warning("shadow %s: comparison lost: %d, in a batch that could not be recorded (%s)", ", ".join(modules), len(rows),
                reason)
    at = now()
    lost = [{"module": r["module"], "method": (r.get("method") or "")[:100], "reason": reason, "at": at} for r in rows]
    try:
        with sessions.begin() as session:
            session.execute(insert(LostComparisonRow), lost)
    except Exception as again:  # the database is gone altogether: the log lines are all that is left
        log.error("shadow %s: %d lost comparisons could not be counted either (%s)", ", ".join(modules), len(rows),
                  type(again).__name__)


PENDING = ComparisonBatch()  # the process's one batch


def flush_comparisons() -> int:
    """Write the process's waiting comparisons now (the end of a unit of work); never raises."""
    try:
        return PENDING.flush()
    except Exception as exc:  # flush counts its own failures; this is a last guard for the caller
        log.error("shadow: flushing the comparisons failed (%s)", _reason(exc))
        return 0


atexit.register(flush_comparisons)
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=PENDING.forget)
