"""Shadow calls: the legacy result is returned; the new implementation runs too, and is rolled back.

The candidate is built on a connection whose outer transaction is always rolled back, so
everything it writes (its result rows and the events in its outbox) disappears: the outbox
rows are the captured side effects, and since the relay only ever sees committed rows they
are never emitted. It runs on a worker thread behind a fence (candidate_run.py): whatever it
does (raises anything, hangs past its timeout, writes through a collaborator) the caller gets
legacy's answer, and legacy's commit stands. The comparison is recorded after the candidate's
rollback and after the legacy call committed, so the evidence write never waits on a lock
either path holds (the strangler and the application may share one SQLite file). It is
buffered: written with the process's other comparisons in one transaction, at the latest when
the unit of work ends (evidence/comparison_batch.py); a comparison (or a batch) that cannot
be recorded is counted as lost, never passed on to the caller.
"""
from __future__ import annotations

import logging
import os
import time
from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional

from aicmo.strangler.dispatch.candidate_run import run_candidate
from aicmo.strangler.dispatch.compare import as_plain, field_diffs
from aicmo.strangler.dispatch.settings import candidate_timeout
from aicmo.strangler.evidence.fingerprint import call_fingerprint

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from aicmo.strangler.evidence import EvidenceRecorder

__all__ = ["RAISE_ENV", "ShadowMismatch", "ShadowRunner", "raise_on_mismatch_default"]

log = logging.getLogger(__name__)

UNCOMPARABLE_FAULT = "uncomparable"  # the candidate answered something the comparer cannot walk

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


def _fingerprint_if_any(method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Optional[str]:
    """A mismatch's fingerprint ties its replays to its input; one that cannot be taken must not lose the mismatch."""
    try:
        return call_fingerprint(method, args, kwargs)
    except Exception:
        return None


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
        timeout_s: Optional[float] = None,
    ) -> None:
        self.module = module
        self._engine = engine
        self._candidate = candidate  # builds the new port on a connection inside the doomed transaction
        self._recorder = recorder
        self._context = dict(context or {})
        self._explain = explain  # names the declared divergence that accounts for a diff, if one does
        self._ignore = ignore  # fields holding the instant of the call, see field_diffs
        self._raises = raise_on_mismatch_default() if raise_on_mismatch is None else raise_on_mismatch
        # past it the candidate is abandoned: the caller never waits longer for a comparison
        self._timeout_s = candidate_timeout() if timeout_s is None else timeout_s

    def call(self, method: str, args: tuple[Any, ...], kwargs: dict[str, Any], legacy: Callable[[], Any]) -> Any:
        # a legacy failure propagates as on the legacy route: there is no answer to compare against
        result, legacy_timing = _timed(legacy)
        outcome = run_candidate(self.module, self._engine, self._candidate,
                                lambda port: getattr(port, method)(*args, **kwargs), self._timeout_s)
        fault, error = outcome.fault, outcome.error
        try:
            # the candidate's answer is compared here, on the caller's thread: an answer that
            # cannot be walked (a cycle, a value whose dump raises) is the candidate's fault too
            diffs = [] if fault else field_diffs(result, outcome.result, self._ignore)
            divergence = self._explain(diffs) if diffs else None
        except Exception as exc:
            diffs, divergence, fault = [], None, UNCOMPARABLE_FAULT
            error = f"{UNCOMPARABLE_FAULT}: {type(exc).__name__}"
        matched = fault is None and not diffs
        self._record(method, matched, (args, kwargs), result, diffs=diffs or None, divergence=divergence,
                     timings={"legacy": legacy_timing, "new": outcome.timing},
                     candidate_error=error, candidate_fault=fault)
        if not matched and divergence is None and self._raises:
            detail = error or "; ".join(f"{d['path']}: {d['legacy']!r} != {d['new']!r}" for d in diffs[:5])
            raise ShadowMismatch(f"shadow {self.module}.{method}: {detail}")
        return result

    def _record(self, method: str, matched: bool, call: tuple[tuple[Any, ...], dict[str, Any]], legacy_result: Any,
                **comparison: Any) -> None:
        """Store the comparison; when that fails, count it as lost instead of failing the caller.

        A match keeps only the fingerprint of its inputs, and its inputs with legacy's answer once
        per distinct input (a bounded number, for replays: evidence/kept_inputs.py); a mismatch keeps
        both whole. Only Exception is caught: a real Ctrl-C while recording still stops the program.
        """
        try:
            # inside the try: a call's arguments that cannot be stored (or fingerprinted) lose it too
            args, kwargs = call
            fingerprinted = call_fingerprint if matched else _fingerprint_if_any
            comparison["fingerprint"] = fingerprinted(method, args, kwargs)
            keep = not matched or self._recorder.wants_input(self.module, comparison["fingerprint"])
            inputs = {"method": method, "args": as_plain(list(args)), "kwargs": as_plain(kwargs)} if keep else None
            comparison["legacy_output"] = as_plain(legacy_result) if keep else None
            comparison["inputs" if not matched else "kept_inputs"] = inputs
            # buffered: written with others of the process's batch, at the latest when the unit of work ends
            self._recorder.record_comparison(self.module, matched, diff=comparison.pop("diffs"), context=self._context,
                                             method=method, buffered=True, **comparison)
        except Exception as exc:
            reason = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}".rstrip(": ")
            log.warning("shadow %s.%s: comparison lost, it could not be recorded (%s)", self.module, method, reason)
            try:
                self._recorder.record_lost_comparison(self.module, method, reason)
            except Exception as again:  # the database is gone altogether: the log line is all that is left
                log.error("shadow %s.%s: the lost comparison could not be counted either (%s)", self.module, method,
                          type(again).__name__)
