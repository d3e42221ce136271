"""The recording API the shadow runner and the test suites call to leave evidence.

Each call commits on its own: evidence recorded by a call whose business transaction later
rolls back (shadow runs inside a savepoint) must still be kept.
"""
from __future__ import annotations

from collections.abc import Collection
from typing import Any, Optional

from sqlalchemy.orm import sessionmaker

from aicmo.shared.clock import Clock, SystemClock
from aicmo.shared.persistence.ownership import MODULES
from aicmo.strangler.evidence.tables import DeclaredDivergenceRow, LostComparisonRow, ShadowComparisonRow, SuiteRunRow
from aicmo.strangler.routes.tables import RouteChangeRow

__all__ = ["DATABASES", "PATHS", "SUITES", "EvidenceError", "EvidenceRecorder", "check_divergence", "check_suite_run"]

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
    ) -> None:
        """One shadow call; `divergence` names the declared divergence that explains a mismatch."""
        _known_module(module)
        with self._sessions.begin() as session:
            session.add(ShadowComparisonRow(
                module=module, matched=matched, diff=diff, inputs=inputs, context=context, timings=timings,
                divergence=divergence, candidate_error=candidate_error, candidate_fault=candidate_fault,
                at=self._clock.now(),
            ))

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
