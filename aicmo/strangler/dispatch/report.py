"""What the shadow comparisons say, per module: counts, timings, and the latest unexplained mismatches, counted in SQL."""
from __future__ import annotations

from typing import Any, Optional

import attrs
from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from aicmo.shared.persistence.ownership import MODULES
from aicmo.strangler.evidence.tables import LostComparisonRow, ShadowComparisonRow

__all__ = ["ShadowSummary", "latest_comparison_id", "shadow_document", "shadow_summaries"]


@attrs.frozen
class ShadowSummary:
    module: str
    comparisons: int
    matched: int
    explained: dict[str, int]  # declared divergence -> mismatches it accounts for, counted apart
    unexplained: int
    candidate_errors: int
    candidate_faults: dict[str, int]  # fault kind ("timeout", "SystemExit", ...) -> candidate runs it stopped
    lost: int  # shadow calls whose comparison could not be recorded
    mean_wall_ms: dict[str, float]  # path -> mean wall time per call
    mean_cpu_ms: dict[str, float]
    latest_unexplained: list[dict[str, Any]]  # {"at", "method", "error", "paths"}, newest first


def _timing(column: Any, path: str, kind: str) -> Any:
    """The seconds of one path and kind: the column, or for rows from before 0008 their timings JSON."""
    return func.coalesce(column, ShadowComparisonRow.timings[(path, kind)].as_float())


_TIMINGS = {
    ("legacy", "wall_s"): ShadowComparisonRow.legacy_wall_s, ("legacy", "cpu_s"): ShadowComparisonRow.legacy_cpu_s,
    ("new", "wall_s"): ShadowComparisonRow.new_wall_s, ("new", "cpu_s"): ShadowComparisonRow.new_cpu_s,
}


def _is_set(column: Any) -> Any:
    """Set and not empty: what Python's truth test of the text said when the report counted rows itself."""
    return and_(column.is_not(None), column != "")


def _fault_kind(dialect: str) -> Any:
    """A candidate fault's kind; rows from before fault kinds were stored: the error's leading class name."""
    error = ShadowComparisonRow.candidate_error
    if dialect == "postgresql":
        leading = func.split_part(error, ":", 1)
    else:
        colon = func.instr(error, ":")
        leading = case((colon > 0, func.substr(error, 1, colon - 1)), else_=error)
    return func.coalesce(func.nullif(ShadowComparisonRow.candidate_fault, ""), leading)


def _counts(session: Session, where: list[Any]) -> dict[str, dict[str, Any]]:
    """Per module: comparisons, matches, unexplained mismatches, candidate errors and mean timings, in one scan."""
    unexplained = and_(ShadowComparisonRow.matched.is_(False), or_(ShadowComparisonRow.divergence.is_(None),
                                                                   ShadowComparisonRow.divergence == ""))
    means = [func.avg(_timing(column, path, kind)) for (path, kind), column in _TIMINGS.items()]
    query = (select(ShadowComparisonRow.module, func.count(),
                    func.count(case((ShadowComparisonRow.matched.is_(True), 1))),
                    func.count(case((unexplained, 1))),
                    func.count(case((_is_set(ShadowComparisonRow.candidate_error), 1))),
                    *means)
             .where(*where).group_by(ShadowComparisonRow.module))
    counts = {}
    for module, total, matched, unexplained_count, errors, *averages in session.execute(query):
        mean = {key: (round(1000 * float(value), 3) if value is not None else 0.0) for key, value in zip(_TIMINGS, averages)}
        counts[module] = {
            "comparisons": total, "matched": matched, "unexplained": unexplained_count, "candidate_errors": errors,
            "mean_wall_ms": {p: mean[(p, "wall_s")] for p in ("legacy", "new")},
            "mean_cpu_ms": {p: mean[(p, "cpu_s")] for p in ("legacy", "new")},
        }
    return counts


def _explained(session: Session, where: list[Any]) -> dict[str, dict[str, int]]:
    query = (select(ShadowComparisonRow.module, ShadowComparisonRow.divergence, func.count())
             .where(*where, ShadowComparisonRow.matched.is_(False), _is_set(ShadowComparisonRow.divergence))
             .group_by(ShadowComparisonRow.module, ShadowComparisonRow.divergence))
    explained: dict[str, dict[str, int]] = {}
    for module, divergence, count in session.execute(query):
        explained.setdefault(module, {})[divergence] = count
    return explained


def _faults(session: Session, where: list[Any]) -> dict[str, dict[str, int]]:
    kind = _fault_kind(session.get_bind().dialect.name).label("kind")
    query = (select(ShadowComparisonRow.module, kind, func.count())
             .where(*where, _is_set(ShadowComparisonRow.candidate_error))
             .group_by(ShadowComparisonRow.module, kind))
    faults: dict[str, dict[str, int]] = {}
    for module, fault, count in session.execute(query):
        faults.setdefault(module, {})[fault] = count
    return {module: dict(sorted(kinds.items())) for module, kinds in faults.items()}


def _latest_unexplained(session: Session, module: str, where: list[Any], limit: int) -> list[dict[str, Any]]:
    """The module's newest unexplained mismatches: only `limit` rows are read."""
    if limit <= 0:
        return []
    row = ShadowComparisonRow
    query = (select(row.at, row.method, row.inputs, row.candidate_error, row.diff)
             .where(*where, row.module == module, row.matched.is_(False), or_(row.divergence.is_(None), row.divergence == ""))
             .order_by(row.id.desc()).limit(limit))
    return [{
        "at": at.isoformat(),
        # rows from before 0008 have the method only inside their inputs
        "method": method if method is not None else ((inputs or {}).get("method", "") if isinstance(inputs, dict) else ""),
        "error": error,
        "paths": [d["path"] for d in (diff or [])],
    } for at, method, inputs, error, diff in session.execute(query)]


def latest_comparison_id(session: Session) -> int:
    """The id of the newest comparison (0 when none): a mark to summarise what came after."""
    return session.scalar(select(func.max(ShadowComparisonRow.id))) or 0


def shadow_summaries(
    session: Session, module: Optional[str] = None, limit: int = 5, after_id: int = 0
) -> list[ShadowSummary]:
    """One summary per module that has comparisons (or for `module` alone, even with none).

    `after_id` keeps only the comparisons recorded after that mark (see latest_comparison_id).
    Everything is counted by the database (GROUP BY), and only the latest unexplained
    mismatches are read as rows: the memory it takes does not grow with the comparisons.
    """
    where: list[Any] = [ShadowComparisonRow.id > after_id]
    if module is not None:
        where.append(ShadowComparisonRow.module == module)
    counts = _counts(session, where)
    explained = _explained(session, where)
    faults = _faults(session, where)
    # lost comparisons have no place in the comparisons' sequence: counted whole, or left out after a mark
    lost_query = select(LostComparisonRow.module, func.count()).group_by(LostComparisonRow.module)
    lost = {m: n for m, n in session.execute(lost_query)} if after_id == 0 else {}
    wanted = [module] if module is not None else [m for m in MODULES if m in counts or m in lost]
    empty = {"comparisons": 0, "matched": 0, "unexplained": 0, "candidate_errors": 0,
             "mean_wall_ms": {"legacy": 0.0, "new": 0.0}, "mean_cpu_ms": {"legacy": 0.0, "new": 0.0}}
    return [ShadowSummary(
        module=m, explained=explained.get(m, {}), candidate_faults=faults.get(m, {}), lost=lost.get(m, 0),
        latest_unexplained=_latest_unexplained(session, m, where, limit) if counts.get(m, empty)["unexplained"] else [],
        **counts.get(m, empty),
    ) for m in wanted]


def shadow_document(summaries: list[ShadowSummary]) -> dict[str, Any]:
    """`aicmo shadow report --format json`: {"modules": [...]}, one entry per summary with every field of
    ShadowSummary (comparisons, matched, explained, unexplained, candidate_errors, candidate_faults,
    lost, mean_wall_ms and mean_cpu_ms by path, latest_unexplained); no comparisons, no entries."""
    return {"modules": [attrs.asdict(s) for s in summaries]}
