"""The recording API the shadow runner and the test suites call to leave evidence.

Each write is a transaction of its own, never the caller's: evidence recorded by a call whose
business transaction later rolls back must still be kept. Shadow comparisons may be buffered
(`buffered=True`, what the shadow runner asks for): they wait in the process's batch and are
written many to a transaction (see comparison_batch.py); `flush()` writes them now.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any, Optional

from sqlalchemy import insert

from sqlalchemy.orm import sessionmaker

from aicmo.strangler.evidence.comparison_batch import PENDING, flush_comparisons
from aicmo.strangler.evidence.fingerprint import fingerprint as inputs_fingerprint
from aicmo.strangler.evidence.kept_inputs import KeptInput, KeptInputs, write_kept_inputs

from aicmo.shared.clock import Clock, SystemClock
from aicmo.shared.persistence.ownership import MODULES
from aicmo.strangler.evidence.tables import DeclaredDivergenceRow, LostComparisonRow, ShadowComparisonRow, SuiteRunRow
from aicmo.strangler.routes.tables import RouteChangeRow

__all__ = ["DATABASES", "PATHS", "SUITES", "EvidenceError", "EvidenceRecorder", "check_divergence", "check_suite_run",
           "comparison_row"]

SUITES = ("characterization", "contract")  # both must pass on the new path before `new`
PATHS = ("legacy", "new")
DATABASES = ("sqlite", "postgresql")  # the kinds of database a suite can have run on


class EvidenceError(ValueError):
    """Evidence about an unknown module, suite, path or divergence."""


def _known_module(module: str) -> None:
    if module not in MODULES:
        raise EvidenceError(f"unknown module '{module}'; modules are {', '.join(MODULES)}")


def check_suite_run(module: str, suite: str, path: str) -> None:
    """Raise EvidenceError unless (module, suite, path) names a suite run the gate can read."""
    _known_module(module)
    if suite not in SUITES:
        raise EvidenceError(f"unknown suite '{suite}'; suites are {', '.join(SUITES)}")
    if path not in PATHS:
        raise EvidenceError(f"unknown path '{path}'; paths are {', '.join(PATHS)}")


class EvidenceRecorder:
    """Writes suite runs, shadow comparisons and declared divergences to the strangler tables."""

    def __init__(self, sessions: sessionmaker, clock: Clock | None = None) -> None:
        self._sessions = sessions
        self._clock = clock or SystemClock()
        self._kept = KeptInputs()  # the matched inputs this recorder kept for replays, per module

    def wants_input(self, module: str, fingerprint: str) -> bool:
        """Whether a matched call's inputs should be kept for replays (new, and its module not full)."""
        return self._kept.wants(module, fingerprint)

    @property
    def database(self) -> str:
        """The kind of database the evidence is written to (the deployment's: its gate reads it)."""
        return str(self._sessions.kw["bind"].dialect.name)

    def record_suite_run(
        self, module: str, suite: str, path: str, passed: bool, detail: Optional[str] = None, database: str = "sqlite",
        commit: Optional[str] = None,
    ) -> None:
        """One whole run of a module's suite on a path, on the kind of database it ran on, at a commit of the code."""
        check_suite_run(module, suite, path)
        if database not in DATABASES:
            raise EvidenceError(f"unknown database '{database}'; databases are {', '.join(DATABASES)}")
        with self._sessions.begin() as session:
            session.add(SuiteRunRow(module=module, suite=suite, path=path, passed=passed, detail=detail,
                                    database=database, at_commit=commit, at=self._clock.now()))

    def record_comparison(
        self,
        module: str,
        matched: bool,
        diff: Any = None,
        inputs: Any = None,
        context: Any = None,
        timings: Any = None,
        divergence: Optional[str] = None,
        candidate_error: Optional[str] = None,
        candidate_fault: Optional[str] = None,
        *,
        method: Optional[str] = None,
        fingerprint: Optional[str] = None,
        buffered: bool = False,
        legacy_output: Any = None,
        kept_inputs: Any = None,
    ) -> None:
        """One shadow call; `divergence` names the declared divergence that explains a mismatch.

        A matched comparison keeps the fingerprint of its inputs, not the inputs (see
        comparison_row); `fingerprint` is the caller's, when it fingerprinted the call itself.
        A mismatch keeps `legacy_output`, legacy's answer. `kept_inputs` are a matched call's
        inputs to keep for replays (once per fingerprint: see `wants_input`), with `legacy_output`.
        `buffered` leaves it in the process's batch instead of committing it now.
        """
        _known_module(module)
        at = self._clock.now()
        row = comparison_row(module, matched, diff=diff, inputs=inputs, context=context, timings=timings,
                             divergence=divergence, candidate_error=candidate_error, candidate_fault=candidate_fault,
                             method=method, fingerprint=fingerprint, at=at, legacy_output=legacy_output)
        kept = None
        if kept_inputs is not None and row["fingerprint"] and row["method"]:
            kept = KeptInput({"module": module, "fingerprint": row["fingerprint"], "method": row["method"],
                              "inputs": kept_inputs, "legacy_output": legacy_output, "at": at}, self._kept)
        if buffered:
            PENDING.add(self._sessions, row, self._clock.now, kept)
            return
        with self._sessions.begin() as session:
            session.execute(insert(ShadowComparisonRow), [row])
        if kept is not None:
            write_kept_inputs(self._sessions, [kept])

    def flush(self) -> int:
        """Write the buffered comparisons now (all of the process's); how many were written. Never raises."""
        return flush_comparisons()

    def record_lost_comparison(self, module: str, method: str, reason: str) -> None:
        """A shadow call whose comparison could not be recorded, with why."""
        with self._sessions.begin() as session:
            session.add(LostComparisonRow(module=module, method=method[:100], reason=reason, at=self._clock.now()))

    def declare_divergence(self, module: str, name: str, reason: str, who: str, *, known: Collection[str]) -> None:
        """Declare (or re-word) an intended difference; without a reason it explains nothing.

        `known` are the names the module's new implementation may tag a mismatch with (its
        descriptor's divergences): a name nothing can ever tag would be a declaration that
        explains nothing, or a typo that hides the one meant. The declaration opens the gate to
        the mismatches it names, so it is audited as a route change is, the earlier wording
        kept in the audit row.
        """
        check_divergence(module, name, reason, known)
        at = self._clock.now()
        with self._sessions.begin() as session:
            earlier = session.get(DeclaredDivergenceRow, (module, name))
            session.add(RouteChangeRow(
                module=module, kind="divergence", tenant=None,
                from_value="declared" if earlier else None, to_value="declared", who=who, why=f"{name}: {reason}", at=at,
                evidence={"name": name, "reason": reason, "earlier_reason": earlier.reason if earlier else None},
            ))
            session.merge(DeclaredDivergenceRow(module=module, name=name, reason=reason, who=who, at=at))

    def withdraw_divergence(self, module: str, name: str, reason: str, who: str) -> None:
        """Take a declaration back: its mismatches block the gate again; the audit row keeps what it said."""
        _known_module(module)
        if not reason.strip():
            raise EvidenceError(f"withdrawing divergence {module}/{name}: a reason is required")
        with self._sessions.begin() as session:
            declared = session.get(DeclaredDivergenceRow, (module, name))
            if declared is None:
                raise EvidenceError(f"{module} has no declared divergence '{name}' to withdraw")
            session.add(RouteChangeRow(
                module=module, kind="divergence", tenant=None, from_value="declared", to_value="withdrawn", who=who,
                why=f"{name}: {reason}", at=self._clock.now(),
                evidence={"name": name, "reason": reason, "earlier_reason": declared.reason},
            ))
            session.delete(declared)


_TIMING_COLUMNS = {(path, kind): f"{path}_{kind}" for path in PATHS for kind in ("wall_s", "cpu_s")}


def _timing_columns(timings: Any) -> tuple[dict[str, Optional[float]], Any]:
    """The four timings as columns, and what is left for the JSON column (None when nothing is)."""
    columns: dict[str, Optional[float]] = dict.fromkeys(_TIMING_COLUMNS.values())
    if not isinstance(timings, Mapping):
        return columns, timings
    rest: dict[str, Any] = {}
    for path, kinds in timings.items():
        if not isinstance(kinds, Mapping):
            rest[path] = kinds
            continue
        for kind, value in kinds.items():
            column = _TIMING_COLUMNS.get((path, kind))
            if column is not None and isinstance(value, (int, float)) and not isinstance(value, bool):
                columns[column] = float(value)
            else:
                rest.setdefault(path, {})[kind] = value
    return columns, rest or None


def comparison_row(
    module: str, matched: bool, *, diff: Any, inputs: Any, context: Any, timings: Any, divergence: Optional[str],
    candidate_error: Optional[str], candidate_fault: Optional[str], method: Optional[str], at: datetime,
    fingerprint: Optional[str] = None, legacy_output: Any = None,
) -> dict[str, Any]:
    """A comparison as the table's columns, compacted.

    Matched (and no candidate fault): the method and the fingerprint of the inputs, never the
    inputs themselves nor legacy's answer, which only a mismatch keeps (to be replayed; it keeps
    the caller's fingerprint too, which ties its replays to its input). Timings go to their own
    columns; anything in `timings` that is not one of the four is kept as JSON.
    """
    if method is None and isinstance(inputs, Mapping):
        method = inputs.get("method") if isinstance(inputs.get("method"), str) else None
    compact = matched and candidate_error is None and candidate_fault is None
    columns, other_timings = _timing_columns(timings)
    return {
        "module": module, "matched": matched, "divergence": divergence, "diff": diff,
        "inputs": None if compact else inputs,
        "fingerprint": fingerprint or (inputs_fingerprint(inputs) if compact and inputs is not None else None),
        "legacy_output": None if compact else legacy_output,
        "method": method[:100] if method else None,
        "context": context, "timings": other_timings, **columns,
        "candidate_error": candidate_error, "candidate_fault": candidate_fault, "at": at,
    }


def check_divergence(module: str, name: str, reason: str, known: Collection[str]) -> None:
    """Raise EvidenceError unless the declaration is well formed: checkable before any database is opened."""
    _known_module(module)
    _known_divergence(module, name, known)
    if not reason.strip():
        raise EvidenceError(f"divergence {module}/{name}: a reason is required")


def _known_divergence(module: str, name: str, known: Collection[str]) -> None:
    if not name or not name.strip():
        raise EvidenceError(f"{module}: a divergence needs a name")
    if name not in known:
        names = ", ".join(sorted(known)) or "none"
        raise EvidenceError(f"unknown divergence '{name}' for {module}; its new implementation names: {names}")
