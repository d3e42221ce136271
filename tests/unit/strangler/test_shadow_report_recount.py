"""The shadow report counts in SQL; here a Python recount over the same rows must agree, on both backends.

Comparison sets are generated (hypothesis): matches, declared divergences (an empty name
explains nothing), unexplained mismatches, candidate faults by kind or, as rows from before
fault kinds were stored, only by their error's leading class name, timings present or not, and
rows stored the way they were before revision 0008 (inputs with the method in them, timings as
JSON). The recount is the report as it was computed before it moved into SQL.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from aicmo.strangler.dispatch.report import latest_comparison_id, shadow_summaries
from aicmo.strangler.evidence import EvidenceRecorder
from aicmo.strangler.evidence.tables import ShadowComparisonRow
from aicmo.strangler.schema import strangler_sessions
from aicmo.shared.clock import FixedClock

START = datetime(2026, 12, 1, tzinfo=timezone.utc)

seconds = st.one_of(st.none(), st.floats(min_value=0, max_value=5, allow_nan=False))
comparison = st.fixed_dictionaries({
    "module": st.sampled_from(["qc", "cam"]),
    "kind": st.sampled_from(["matched", "explained", "unexplained", "fault"]),
    "divergence": st.sampled_from(["rounding-fix", "wording", ""]),
    "fault": st.sampled_from([None, "", "timeout", "SystemExit"]),
    "error": st.sampled_from(["ValueError: bad", "timeout: still running", "KeyError", "uncomparable: TypeError"]),
    "paths": st.lists(st.sampled_from(["score", "results[0].passed", "round"]), max_size=3),
    "method": st.sampled_from(["evaluate", "score_leads"]),
    "timings": st.fixed_dictionaries({f"{p}_{k}": seconds for p in ("legacy", "new") for k in ("wall_s", "cpu_s")}),
    "old_style": st.booleans(),
})


def _old_style_row(c: dict, at: datetime, matched: bool, divergence, error, fault) -> dict:
    timings = {p: {k: c["timings"][f"{p}_{k}"] for k in ("wall_s", "cpu_s") if c["timings"][f"{p}_{k}"] is not None}
               for p in ("legacy", "new")}
    return {"module": c["module"], "matched": matched, "divergence": divergence,
            "diff": [{"path": p} for p in c["paths"]] or None, "inputs": {"method": c["method"], "args": [], "kwargs": {}},
            "context": None, "timings": timings, "candidate_error": error, "candidate_fault": fault, "at": at}


def store(sessions, comparisons: list[dict]) -> None:
    """Each comparison as the recorder stores it today, or as a row from before 0008."""
    for number, c in enumerate(comparisons):
        at = START + timedelta(seconds=number)
        matched = c["kind"] == "matched"
        divergence = c["divergence"] if c["kind"] == "explained" else None
        error, fault = (c["error"], c["fault"]) if c["kind"] == "fault" else (None, None)
        if c["old_style"]:
            with sessions.begin() as session:
                session.execute(insert(ShadowComparisonRow), [_old_style_row(c, at, matched, divergence, error, fault)])
            continue
        timings = {p: {k: c["timings"][f"{p}_{k}"] for k in ("wall_s", "cpu_s") if c["timings"][f"{p}_{k}"] is not None}
                   for p in ("legacy", "new")}
        EvidenceRecorder(sessions, FixedClock(at)).record_comparison(
            c["module"], matched, diff=[{"path": p} for p in c["paths"]] or None,
            inputs={"method": c["method"], "args": [number], "kwargs": {}}, timings=timings, divergence=divergence,
            candidate_error=error, candidate_fault=fault)


def _seconds(row, path: str, kind: str):
    column = getattr(row, f"{path}_{kind}")
    if column is not None:
        return column
    return (row.timings or {}).get(path, {}).get(kind)


def recount(rows: list, module: str, limit: int) -> dict:
    """The report of one module computed in Python over every row, as it was before it moved into SQL."""
    mine = [r for r in rows if r.module == module]
    explained: dict[str, int] = {}
    unexplained = []
    faults: dict[str, int] = {}
    for r in mine:
        if r.candidate_error:
            kind = r.candidate_fault or r.candidate_error.split(":", 1)[0]
            faults[kind] = faults.get(kind, 0) + 1
        if r.matched:
            continue
        if r.divergence:
            explained[r.divergence] = explained.get(r.divergence, 0) + 1
        else:
            unexplained.append(r)

    def mean(path: str, kind: str) -> float:
        values = [v for v in (_seconds(r, path, kind) for r in mine) if v is not None]
        return round(1000 * sum(values) / len(values), 3) if values else 0.0

    return {
        "comparisons": len(mine), "matched": sum(1 for r in mine if r.matched), "explained": explained,
        "unexplained": len(unexplained), "candidate_errors": sum(1 for r in mine if r.candidate_error),
        "candidate_faults": dict(sorted(faults.items())),
        "mean_wall_ms": {p: mean(p, "wall_s") for p in ("legacy", "new")},
        "mean_cpu_ms": {p: mean(p, "cpu_s") for p in ("legacy", "new")},
        "latest_unexplained": [{
            "at": r.at.isoformat(), "method": r.method or (r.inputs or {}).get("method", ""), "error": r.candidate_error,
            "paths": [d["path"] for d in (r.diff or [])],
        } for r in sorted(unexplained, key=lambda r: r.id, reverse=True)[:limit]],
    }


@pytest.fixture
def sessions(database):
    return strangler_sessions(database.engine)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(comparisons=st.lists(comparison, max_size=25), limit=st.integers(min_value=0, max_value=4))
def test_the_sql_report_equals_a_python_recount_of_the_same_rows(sessions, comparisons, limit):
    with sessions() as session:
        mark = latest_comparison_id(session)  # the tables are append-only: each example counts what it added
    store(sessions, comparisons)
    with sessions() as session:
        rows = list(session.scalars(select(ShadowComparisonRow).where(ShadowComparisonRow.id > mark)))
        summaries = {s.module: s for s in shadow_summaries(session, limit=limit, after_id=mark)}
    assert sorted(summaries) == sorted({c["module"] for c in comparisons})
    for module, summary in summaries.items():
        expected = recount(rows, module, limit)
        for path in ("legacy", "new"):  # the database and Python may sum floats in another order: a rounding apart
            for means in ("mean_wall_ms", "mean_cpu_ms"):
                assert getattr(summary, means)[path] == pytest.approx(expected[means][path], abs=0.0015)
        measured = {k: getattr(summary, k) for k in expected if not k.startswith("mean_")}
        assert {k: v for k, v in expected.items() if not k.startswith("mean_")} == measured
