"""Shadow calls: the legacy result is returned; the new implementation runs too, and is rolled back.

The candidate is built on a connection whose outer transaction is always rolled back, so
everything it writes (its result rows and the events in its outbox) disappears: the outbox
rows are the captured side effects, and since the relay only ever sees committed rows they
are never emitted. The comparison is recorded after the candidate's rollback and after the
legacy call committed, so the evidence write never waits on a lock either path holds (the
strangler and the application may share one SQLite file).
"""
from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional

from aicmo.strangler.dispatch.compare import as_plain, field_diffs

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from aicmo.strangler.evidence import EvidenceRecorder

__all__ = ["RAISE_ENV", "ShadowMismatch", "ShadowRunner", "raise_on_mismatch_default"]

# held in a tuple, not as module attributes: freezegun (the --reproducible clock) replaces
# every module attribute that is time.perf_counter, and frozen timings would all read 0
_REAL_CLOCKS = (time.perf_counter, time.process_time)

RAISE_ENV = "AICMO_SHADOW_RAISE"  # "0" keeps a test run going on mismatches, "1" raises outside pytest too


class ShadowMismatch(AssertionError):
    """The new path answered differently (or failed) and no declared divergence explains it."""


def raise_on_mismatch_default() -> bool:
    """Under pytest a mismatch fails the test unless AICMO_SHADOW_RAISE=0; in production it is only recorded."""
    setting = os.environ.get(RAISE_ENV)
    if setting is not None:
        return setting not in ("0", "false", "no", "")
    return "PYTEST_CURRENT_TEST" in os.environ


def _timed(call: Callable[[], Any]) -> tuple[Any, dict[str, float]]:
    wall_clock, cpu_clock = _REAL_CLOCKS
    wall, cpu = wall_clock(), cpu_clock()
    result = call()
    return result, {"wall_s": wall_clock() - wall, "cpu_s": cpu_clock() - cpu}


class ShadowRunner:
    """Runs one module's calls on both paths and records each comparison."""

    def __init__(
        self,
        module: str,
        engine: "Engine",
        candidate: Callable[["Connection"], Any],
        recorder: "EvidenceRecorder",
        *,
        context: Optional[Mapping[str, Any]] = None,
        explain: Callable[[list[dict[str, Any]]], Optional[str]] = lambda diffs: None,
        ignore: frozenset[str] = frozenset(),
        raise_on_mismatch: Optional[bool] = None,
    ) -> None:
        self.module = module
        self._engine = engine
        self._candidate = candidate  # builds the new port on a connection inside the doomed transaction
        self._recorder = recorder
        self._context = dict(context or {})
        self._explain = explain  # names the declared divergence that accounts for a diff, if one does
        self._ignore = ignore  # fields holding the instant of the call, see field_diffs
        self._raises = raise_on_mismatch_default() if raise_on_mismatch is None else raise_on_mismatch

    def call(self, method: str, args: tuple[Any, ...], kwargs: dict[str, Any], legacy: Callable[[], Any]) -> Any:
        # a legacy failure propagates as on the legacy route: there is no answer to compare against
        result, legacy_timing = _timed(legacy)
        new, new_timing, error = self._run_candidate(method, args, kwargs)
        diffs = [] if error else field_diffs(result, new, self._ignore)
        matched = error is None and not diffs
        divergence = self._explain(diffs) if diffs else None
        self._recorder.record_comparison(
            self.module,
            matched,
            diff=diffs or None,
            inputs={"method": method, "args": as_plain(list(args)), "kwargs": as_plain(kwargs)},
            context=self._context,
            timings={"legacy": legacy_timing, "new": new_timing},
            divergence=divergence,
            candidate_error=error,
        )
        if not matched and divergence is None and self._raises:
            detail = error or "; ".join(f"{d['path']}: {d['legacy']!r} != {d['new']!r}" for d in diffs[:5])
            raise ShadowMismatch(f"shadow {self.module}.{method}: {detail}")
        return result

    def _run_candidate(self, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, dict[str, float], Optional[str]]:
        timing: dict[str, float] = {}
        with self._engine.connect() as connection:
            doomed = connection.begin()
            try:
                port = self._candidate(connection)
                new, timing = _timed(lambda: getattr(port, method)(*args, **kwargs))
                return new, timing, None
            except Exception as exc:  # the candidate's failure is evidence, never the caller's problem
                return None, timing, f"{type(exc).__name__}: {exc}"
            finally:
                doomed.rollback()
