"""The migration status of every module: route, rollout, comparisons, mismatch rate, evidence, last change."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

import attrs
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from aicmo.shared.persistence.ownership import MODULES
from aicmo.strangler.evidence.recording import SUITES
from aicmo.strangler.evidence.tables import DeclaredDivergenceRow, ShadowComparisonRow, SuiteRunRow
from aicmo.strangler.routes.store import kill_switch_engaged, last_change
from aicmo.strangler.routes.tables import ModuleRouteRow

__all__ = ["ModuleStatus", "SuiteEvidence", "declared_divergences", "migration_status", "status_document"]


@attrs.frozen
class SuiteEvidence:
    """The latest recorded run of one of a module's suites on its new path, on one kind of database."""

    suite: str
    database: str
    passed: bool
    at_commit: Optional[str]
    at: datetime

    def describe(self) -> str:
        return self.describe_many([self.suite], [self.database])

    def describe_many(self, suites: list[str], databases: list[str]) -> str:
        """This run's outcome and commit, said of the suites on the databases."""
        commit = (self.at_commit or "unknown commit")[:10]
        return f"{', '.join(suites)} {'passed' if self.passed else 'FAILED'} on {', '.join(databases)} at {commit}"


@attrs.frozen
class ModuleStatus:
    module: str
    route: str
    rollout_percent: int
    comparisons: int
    mismatches: int
    last_change_at: Optional[datetime]
    last_change: str  # "shadow -> new by ana: reason", or "" when never changed
    # the same change for scripts: {"at", "from", "to", "who", "why"}, or None when never changed
    last_change_detail: Optional[dict[str, Any]] = None
    # of the mismatches, those a declared divergence explains (they do not block promotion)
    explained: int = 0
    # the latest run of each suite on the new path, per kind of database: what the gate reads
    evidence: tuple[SuiteEvidence, ...] = ()

    @property
    def unexplained(self) -> int:
        return self.mismatches - self.explained

    @property
    def mismatch_rate(self) -> Optional[float]:
        return self.mismatches / self.comparisons if self.comparisons else None


def _comparisons(session: Session, module: str) -> tuple[int, int, int]:
    """(comparisons, mismatches, mismatches a declared divergence explains) since the module last
    entered shadow: the window the gate counts."""
    entered = last_change(session, module, kind="route", to_value="shadow")
    window = [ShadowComparisonRow.module == module] + ([ShadowComparisonRow.at >= entered.at] if entered else [])
    total = session.scalar(select(func.count()).select_from(ShadowComparisonRow).where(*window)) or 0
    mismatched = session.scalar(select(func.count()).select_from(ShadowComparisonRow)
                                .where(*window, ShadowComparisonRow.matched.is_(False))) or 0
    explained = 0
    if mismatched:
        explained = session.scalar(select(func.count()).select_from(ShadowComparisonRow)
                                   .where(*window, ShadowComparisonRow.matched.is_(False),
                                          ShadowComparisonRow.divergence.is_not(None))) or 0
    return total, mismatched, explained


def _evidence(session: Session, module: str) -> tuple[SuiteEvidence, ...]:
    found = []
    for database in session.scalars(select(SuiteRunRow.database).where(SuiteRunRow.module == module,
                                                                       SuiteRunRow.path == "new").distinct()):
        for suite in SUITES:
            run = session.scalars(
                select(SuiteRunRow).where(SuiteRunRow.module == module, SuiteRunRow.suite == suite, SuiteRunRow.path == "new",
                                          SuiteRunRow.database == database)
                .order_by(SuiteRunRow.at.desc(), SuiteRunRow.id.desc()).limit(1)).first()
            if run is not None:
                found.append(SuiteEvidence(run.suite, run.database, run.passed, run.at_commit, run.at))
    return tuple(sorted(found, key=lambda e: (e.database, e.suite)))


def migration_status(session: Session) -> tuple[bool, list[ModuleStatus]]:
    """(kill switch engaged, one status per business module in the declared order)."""
    routes = {r.module: r for r in session.scalars(select(ModuleRouteRow))}
    found = []
    for module in MODULES:
        row = routes.get(module)
        change = last_change(session, module, kind="route")
        total, mismatched, explained = _comparisons(session, module)
        found.append(ModuleStatus(
            module=module,
            route=row.route if row else "legacy",
            rollout_percent=row.rollout_percent if row else 100,
            comparisons=total,
            mismatches=mismatched,
            explained=explained,
            evidence=_evidence(session, module),
            last_change_at=change.at if change else None,
            last_change=f"{change.from_value} -> {change.to_value} by {change.who}: {change.why}" if change else "",
            last_change_detail={"at": change.at.isoformat(), "from": change.from_value, "to": change.to_value,
                                "who": change.who, "why": change.why} if change else None,
        ))
    return kill_switch_engaged(session), found


def declared_divergences(session: Session) -> list[tuple[str, str, str]]:
    """(module, name, reason) of every declared divergence, by module then name."""
    rows = session.scalars(select(DeclaredDivergenceRow).order_by(DeclaredDivergenceRow.module, DeclaredDivergenceRow.name))
    return [(r.module, r.name, r.reason) for r in rows]


def status_document(kill_switch: bool, statuses: list[ModuleStatus]) -> dict[str, Any]:
    """`aicmo migrate status --format json`: the kill switch and one entry per module, in the declared order.

    Each module: module, route, rollout_percent, comparisons and mismatches (since it last
    entered shadow), of these explained (by a declared divergence) and unexplained, mismatch_rate (a fraction, null without comparisons), last_change (null,
    or at/from/to/who/why of its latest route change), evidence (the latest run of each suite on the new
    path per kind of database: suite, database, passed, at_commit, at).
    """
    return {
        "kill_switch": kill_switch,
        "modules": [{
            "module": s.module,
            "route": s.route,
            "rollout_percent": s.rollout_percent,
            "comparisons": s.comparisons,
            "mismatches": s.mismatches,
            "explained": s.explained,
            "unexplained": s.unexplained,
            "mismatch_rate": s.mismatch_rate,
            "last_change": s.last_change_detail,
            "evidence": [{"suite": e.suite, "database": e.database, "passed": e.passed, "at_commit": e.at_commit,
                          "at": e.at.isoformat()} for e in s.evidence],
        } for s in statuses],
    }
