"""The shadow runner: legacy answers, the candidate's writes roll back, every comparison is recorded."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text

from aicmo.strangler.evidence import EvidenceRecorder
from aicmo.strangler.evidence.comparison_batch import flush_comparisons
from aicmo.strangler.evidence.fingerprint import call_fingerprint
from aicmo.strangler.evidence.tables import ShadowComparisonRow
from aicmo.strangler.dispatch import RAISE_ENV, ShadowMismatch, ShadowRunner
from aicmo.strangler.schema import strangler_sessions


class Candidate:
    """A new path that writes a row (its side effect) and answers `answer`."""

    def __init__(self, connection, answer):
        self.connection, self.answer = connection, answer

    def evaluate(self, x):
        self.connection.execute(text("insert into effects (x) values (:x)"), {"x": x})
        if isinstance(self.answer, Exception):
            raise self.answer
        return {"x": x, "score": self.answer}


@pytest.fixture
def setup(database):
    engine = database.engine
    with engine.begin() as connection:
        connection.execute(text("drop table if exists effects"))
        connection.execute(text("create table effects (x integer)"))
    sessions = strangler_sessions(engine)

    def runner(answer, **options):
        return ShadowRunner("qc", engine, lambda c: Candidate(c, answer), EvidenceRecorder(sessions), context={"tenant": "t1"}, **options)

    def recorded():
        flush_comparisons()  # the end of the unit of work: what the calls buffered is written
        with sessions() as session:
            return list(session.scalars(select(ShadowComparisonRow)))

    def effects():
        with engine.connect() as connection:
            return connection.scalar(text("select count(*) from effects"))

    return runner, recorded, effects


def test_a_match_returns_legacy_records_both_timings_and_leaves_no_candidate_write(setup):
    """Matched: the legacy answer comes back, the candidate's insert is gone, wall and CPU times of both kept.

    A match stores its method and the fingerprint of its inputs, never the inputs themselves.
    """
    runner, recorded, effects = setup
    answer = runner(1.0).call("evaluate", (7,), {}, lambda: {"x": 7, "score": 1.0})
    [row] = recorded()
    assert ({"x": 7, "score": 1.0}, 0, True) == (answer, effects(), row.matched)
    assert (None, "evaluate", call_fingerprint("evaluate", (7,), {})) == (
        row.inputs, row.method, row.fingerprint)
    assert {"tenant": "t1"} == row.context
    timings = (row.legacy_wall_s, row.legacy_cpu_s, row.new_wall_s, row.new_cpu_s)
    assert all(isinstance(t, float) and t >= 0 for t in timings) and row.timings is None


def test_a_mismatch_is_stored_with_its_diff_and_raises_under_pytest(setup):
    """Under pytest an unexplained mismatch raises after it was recorded with its field diff."""
    runner, recorded, _ = setup
    with pytest.raises(ShadowMismatch, match="score: 1.0 != 0.5"):
        runner(0.5).call("evaluate", (7,), {}, lambda: {"x": 7, "score": 1.0})
    [row] = recorded()
    assert (False, [{"path": "score", "legacy": 1.0, "new": 0.5}]) == (row.matched, row.diff)


def test_the_env_var_turns_raising_off(setup, monkeypatch):
    """AICMO_SHADOW_RAISE=0: the mismatch is recorded and the legacy answer returned."""
    runner, recorded, _ = setup
    monkeypatch.setenv(RAISE_ENV, "0")
    assert {"score": 1.0, "x": 7} == runner(0.5).call("evaluate", (7,), {}, lambda: {"x": 7, "score": 1.0})
    assert [False] == [r.matched for r in recorded()]


def test_a_candidate_exception_is_recorded_not_passed_on(setup):
    """A failing candidate is evidence: recorded with its error, the caller gets legacy's answer."""
    runner, recorded, effects = setup
    answer = runner(RuntimeError("boom"), raise_on_mismatch=False).call("evaluate", (7,), {}, lambda: "legacy")
    [row] = recorded()
    assert ("legacy", "RuntimeError: boom", False, 0) == (answer, row.candidate_error, row.matched, effects())


def test_a_declared_divergence_is_counted_apart_and_does_not_raise(setup):
    """A diff the module's explanation names is tagged with that divergence and lets the call through."""
    runner, recorded, _ = setup
    explain = lambda diffs: "rounding" if [d["path"] for d in diffs] == ["score"] else None  # noqa: E731
    runner(0.5, explain=explain).call("evaluate", (7,), {}, lambda: {"x": 7, "score": 1.0})
    [row] = recorded()
    assert (False, "rounding") == (row.matched, row.divergence)
