"""What the shadow comparisons say, per module: counts, timings, and the latest unexplained mismatches."""
from __future__ import annotations

from typing import Any, Optional

import attrs
from sqlalchemy import func, select
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


def _mean_ms(rows: list[ShadowComparisonRow], path: str, kind: str) -> float:
    values = [r.timings[path][kind] for r in rows if r.timings and kind in r.timings.get(path, {})]
    return round(1000 * sum(values) / len(values), 3) if values else 0.0


def _faults(rows: list[ShadowComparisonRow]) -> dict[str, int]:
    faults: dict[str, int] = {}
    for row in rows:
        if row.candidate_error:
            # rows from before fault kinds were stored: the error's leading class name is the kind
            kind = row.candidate_fault or row.candidate_error.split(":", 1)[0]
            faults[kind] = faults.get(kind, 0) + 1
    return dict(sorted(faults.items()))


def _summary(module: str, rows: list[ShadowComparisonRow], limit: int, lost: int) -> ShadowSummary:
    explained: dict[str, int] = {}
    unexplained = []
    for row in rows:
        if row.matched:
            continue
        if row.divergence:
            explained[row.divergence] = explained.get(row.divergence, 0) + 1
        else:
            unexplained.append(row)
    latest = [{
        "at": r.at.isoformat(),
        "method": (r.inputs or {}).get("method", ""),
        "error": r.candidate_error,
        "paths": [d["path"] for d in (r.diff or [])],
    } for r in sorted(unexplained, key=lambda r: r.id, reverse=True)[:limit]]
    return ShadowSummary(
        module=module,
        comparisons=len(rows),
        matched=sum(1 for r in rows if r.matched),
        explained=explained,
        unexplained=len(unexplained),
        candidate_errors=sum(1 for r in rows if r.candidate_error),
        candidate_faults=_faults(rows),
        lost=lost,
        mean_wall_ms={p: _mean_ms(rows, p, "wall_s") for p in ("legacy", "new")},
        mean_cpu_ms={p: _mean_ms(rows, p, "cpu_s") for p in ("legacy", "new")},
        latest_unexplained=latest,
    )


def latest_comparison_id(session: Session) -> int:
    """The id of the newest comparison (0 when none): a mark to summarise what came after."""
    return session.scalar(select(func.max(ShadowComparisonRow.id))) or 0


def shadow_summaries(
    session: Session, module: Optional[str] = None, limit: int = 5, after_id: int = 0
) -> list[ShadowSummary]:
    """One summary per module that has comparisons (or for `module` alone, even with none).

    `after_id` keeps only the comparisons recorded after that mark (see latest_comparison_id).
    """
    query = select(ShadowComparisonRow).where(ShadowComparisonRow.id > after_id).order_by(ShadowComparisonRow.id)
    if module is not None:
        query = query.where(ShadowComparisonRow.module == module)
    by_module: dict[str, list[ShadowComparisonRow]] = {}
    for row in session.scalars(query):
        by_module.setdefault(row.module, []).append(row)
    # lost comparisons have no place in the comparisons' sequence: counted whole, or left out after a mark
    lost_query = select(LostComparisonRow.module, func.count()).group_by(LostComparisonRow.module)
    lost = {m: n for m, n in session.execute(lost_query)} if after_id == 0 else {}
    wanted = [module] if module is not None else [m for m in MODULES if m in by_module or m in lost]
    return [_summary(m, by_module.get(m, []), limit, lost.get(m, 0)) for m in wanted]


def shadow_document(summaries: list[ShadowSummary]) -> dict[str, Any]:
    """`aicmo shadow report --format json`: {"modules": [...]}, one entry per summary with every field of
    ShadowSummary (comparisons, matched, explained, unexplained, candidate_errors, candidate_faults,
    lost, mean_wall_ms and mean_cpu_ms by path, latest_unexplained); no comparisons, no entries."""
    return {"modules": [attrs.asdict(s) for s in summaries]}
