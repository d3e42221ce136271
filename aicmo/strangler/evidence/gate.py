"""The promotion gate shadow -> new: what evidence there is, and what is missing.

Comparisons count from the module's latest entry into shadow, so a mismatch fixed by going
back to legacy and shadowing again does not block the module forever. Suite runs must be fresh:
the latest run of each suite counts only if it ran at the commit being promoted and after the
module entered shadow; a stale one is named in the refusal, never silently passed over.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

import attrs
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from aicmo.strangler.evidence.recording import SUITES
from aicmo.strangler.evidence.tables import DeclaredDivergenceRow, ShadowComparisonRow, SuiteRunRow

__all__ = ["DEFAULT_MIN_COMPARISONS", "GateVerdict", "evaluate_gate"]

DEFAULT_MIN_COMPARISONS = 200


@attrs.frozen
class GateVerdict:
    module: str
    missing: tuple[str, ...]  # one line per missing piece of evidence; empty when the gate opens
    evidence: dict[str, Any]  # what was found, stored with the audit row

    @property
    def passed(self) -> bool:
        return not self.missing


def _latest_suite_runs(session: Session, module: str, database: str) -> dict[str, Optional[SuiteRunRow]]:
    latest: dict[str, Optional[SuiteRunRow]] = {}
    for suite in SUITES:
        latest[suite] = session.scalars(
            select(SuiteRunRow).where(SuiteRunRow.module == module, SuiteRunRow.suite == suite, SuiteRunRow.path == "new",
                                      SuiteRunRow.database == database)
            .order_by(SuiteRunRow.at.desc(), SuiteRunRow.id.desc()).limit(1)
        ).first()
    return latest


def _stale(run: SuiteRunRow, since: Optional[datetime], commit: Optional[str]) -> Optional[str]:
    """Why a suite run is no evidence for this promotion, or None when it is fresh."""
    if commit is None:
        return "the commit being promoted is unknown (set AICMO_COMMIT or run from the git checkout)"
    if run.at_commit != commit:
        return f"run #{run.id} of {run.at.isoformat()} ran at commit {run.at_commit or 'unknown'}, not {commit}"
    if since is not None and run.at < since:
        return f"run #{run.id} of {run.at.isoformat()} predates the entry into shadow at {since.isoformat()}"
    return None


def evaluate_gate(session: Session, module: str, since: Optional[datetime], min_comparisons: int = DEFAULT_MIN_COMPARISONS,
                  commit: Optional[str] = None) -> GateVerdict:
    """The gate for `module`, counting comparisons recorded at or after `since` and suite runs at `commit`.

    Suite runs count only when they ran on the deployment's own kind of database (the one the
    gate reads): a suite green on SQLite says nothing about PostgreSQL.
    """
    database = session.get_bind().dialect.name
    runs = _latest_suite_runs(session, module, database)
    suites = {suite: None if run is None else run.passed for suite, run in runs.items()}
    declared = {d.name: d.reason for d in session.scalars(select(DeclaredDivergenceRow).where(DeclaredDivergenceRow.module == module))}
    window = [ShadowComparisonRow.module == module] + ([ShadowComparisonRow.at >= since] if since else [])
    comparisons = session.scalar(select(func.count()).select_from(ShadowComparisonRow).where(*window)) or 0
    mismatches = session.execute(
        select(ShadowComparisonRow.divergence, func.count()).where(*window, ShadowComparisonRow.matched.is_(False))
        .group_by(ShadowComparisonRow.divergence)
    ).all()
    explained = {name: count for name, count in mismatches if name in declared}
    unexplained = sum(count for name, count in mismatches if name not in declared)

    missing = []
    for suite, passed in suites.items():
        run = runs[suite]
        stale = None if run is None else _stale(run, since, commit)
        if passed is None:
            missing.append(f"{suite} suite: no run recorded on the new path on {database}")
        elif stale:
            missing.append(f"{suite} suite: stale: {stale}")
        elif not passed:
            missing.append(f"{suite} suite: the latest run on the new path failed on {database}")
    if comparisons < min_comparisons:
        missing.append(f"shadow comparisons: {comparisons} of {min_comparisons}")
    if unexplained:
        missing.append(f"unexplained mismatches: {unexplained} (fix the new path or declare the divergence)")
    evidence = {
        "suites_on_new_path": {s: p for s, p in suites.items()},
        # which runs: when, the counts, the pytest arguments and the commit they ran at
        "suite_runs": {s: None if r is None else {"id": r.id, "at": r.at.isoformat(), "database": r.database, "commit": r.at_commit,
                                             "detail": r.detail}
                       for s, r in runs.items()},
        "comparisons": comparisons,
        "min_comparisons": min_comparisons,
        "mismatches": sum(count for _, count in mismatches),
        "unexplained_mismatches": unexplained,
        "explained_mismatches": explained,
        "declared_divergences": [{"name": n, "reason": r} for n, r in sorted(declared.items())],
        "window_start": since.isoformat() if since else None,
        "commit": commit,
    }
    return GateVerdict(module, tuple(missing), evidence)
