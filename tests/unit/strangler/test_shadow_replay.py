"""Shadow replay: comparisons recorded through the real shadow path, replayed against a candidate fixed or not.

On SQLite and on PostgreSQL: a planted mismatch replayed against the fixed candidate is fixed,
against the same candidate it remains (with the field), against a candidate broken elsewhere a
match turns into a regression; a field legacy draws anew on every run is noise, not a mismatch;
--mismatches-only replays only the mismatches; and a replay writes nothing anywhere, though both
paths write.
"""
from __future__ import annotations

import uuid
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, func, inspect, select, text

from aicmo.strangler.dispatch import ShadowRunner
from aicmo.strangler.evidence import EvidenceRecorder
from aicmo.strangler.evidence.comparison_batch import flush_comparisons
from aicmo.strangler.evidence.tables import ShadowComparisonRow
from aicmo.strangler.replay.arguments import ReplayInputError
from aicmo.strangler.replay.outcome import Change, replay_document
from aicmo.strangler.replay.run import ReplayTarget, replay_module
from aicmo.strangler.replay.stored import Verdict, stored_inputs
from aicmo.strangler.schema import strangler_sessions


def score(x, broken_on):
    return 0.5 if x in broken_on else float(x)


class Legacy:
    """Legacy's answer: a score, and optionally an id it draws anew on every run. It writes a row as it answers."""

    def __init__(self, connection, noisy=False):
        self.connection, self.noisy = connection, noisy

    def evaluate(self, x):
        self.connection.execute(text("insert into legacy_rows (x) values (:x)"), {"x": x})
        answer = {"x": x, "score": float(x)}
        return {**answer, "request_id": str(uuid.uuid4())} if self.noisy else answer


class Candidate:
    """The new path: legacy's answer but a wrong score on the inputs in `broken_on`; it writes a row too."""

    def __init__(self, connection, broken_on=(), noisy=False):
        self.connection, self.broken_on, self.noisy = connection, frozenset(broken_on), noisy

    def evaluate(self, x):
        self.connection.execute(text("insert into candidate_rows (x) values (:x)"), {"x": x})
        answer = {"x": x, "score": score(x, self.broken_on)}
        return {**answer, "request_id": str(uuid.uuid4())} if self.noisy else answer


class Setup:
    def __init__(self, database):
        self.engine = database.engine
        with self.engine.begin() as connection:
            for table in ("legacy_rows", "candidate_rows"):
                connection.execute(text(f"drop table if exists {table}"))
                connection.execute(text(f"create table {table} (x integer)"))
        self.sessions = strangler_sessions(self.engine)
        flush_comparisons()  # nothing of an earlier test waiting

    def record(self, inputs, broken_on=(), noisy=False):
        """Calls under shadow, through the runner, legacy committing its row as the live path does."""
        runner = ShadowRunner("qc", self.engine, lambda c: Candidate(c, broken_on, noisy), EvidenceRecorder(self.sessions),
                              raise_on_mismatch=False, timeout_s=5.0)

        def legacy(x):
            with self.engine.begin() as connection:
                return Legacy(connection, noisy).evaluate(x)

        for x in inputs:
            runner.call("evaluate", (x,), {}, lambda x=x: legacy(x))
        flush_comparisons()

    def replay(self, broken_on=(), noisy=False, mismatches_only=False, legacy=None):
        @contextmanager
        def legacy_port(connection):
            yield (legacy or Legacy)(connection, noisy)

        target = ReplayTarget("qc", self.engine, lambda c: Candidate(c, broken_on, noisy), self.engine, legacy_port,
                              timeout_s=5.0)
        with self.sessions() as session:
            stored = stored_inputs(session, "qc", mismatches_only=mismatches_only)
        return replay_module(target, stored)

    def row_counts(self):
        with self.engine.connect() as connection:
            inspector = inspect(connection)
            tables = [(schema, name) for schema in inspector.get_schema_names() if schema != "information_schema"
                      for name in inspector.get_table_names(schema=schema)]
            return {(schema, name): connection.scalar(select(func.count()).select_from(text(f'"{schema}"."{name}"')))
                    for schema, name in tables}


@pytest.fixture
def setup(database):
    return Setup(database)


def by_change(replay):
    return {change: sorted(one.method + str(one.before.value) for one in replay.having(change)) for change in Change
            if replay.having(change)}


def test_a_mismatch_replayed_against_the_fixed_candidate_is_fixed(setup):
    """Recorded with a wrong score on 1 and 3; the fixed candidate matches on every input: 2 fixed, 2 still matching."""
    setup.record([1, 2, 3, 4], broken_on={1, 3})
    replay = setup.replay(broken_on=())
    assert ([Verdict.MISMATCHED, Verdict.MATCHED] * 2, 4) == ([one.before for one in replay.inputs], replay.replayed)
    assert (2, 2, True) == (len(replay.having(Change.FIXED)), len(replay.having(Change.STILL_MATCHING)), replay.passed)


def test_a_mismatch_replayed_against_the_same_candidate_remains_with_its_field(setup):
    setup.record([1, 2, 3, 4], broken_on={1, 3})
    replay = setup.replay(broken_on={1, 3})
    remaining = replay.having(Change.STILL_MISMATCHING)
    assert [[{"path": "score", "legacy": 1.0, "new": 0.5}], [{"path": "score", "legacy": 3.0, "new": 0.5}]] == [
        list(one.fields) for one in remaining]
    assert (False, False) == (replay.passed, replay_document([replay])["passed"])


def test_a_match_that_now_mismatches_is_a_regression(setup):
    """Recorded all matching; a candidate now wrong on 2 turns that input into newly mismatching."""
    setup.record([1, 2])
    replay = setup.replay(broken_on={2})
    [regression] = replay.having(Change.NEWLY_MISMATCHING)
    assert ((Verdict.MATCHED, Verdict.MISMATCHED), False) == ((regression.before, regression.now), replay.passed)


def test_a_field_legacy_draws_anew_on_every_run_is_noise_not_a_mismatch(setup):
    """request_id differs between two legacy runs: reported apart per field, out of every comparison."""
    setup.record([1, 2], broken_on={1}, noisy=True)  # under shadow every call mismatched on request_id
    with setup.sessions() as session:
        assert 2 == session.scalar(select(func.count()).where(ShadowComparisonRow.matched.is_(False)))
    replay = setup.replay(broken_on={1}, noisy=True)
    assert {"request_id": 2} == replay.noise_fields
    [remaining] = replay.having(Change.STILL_MISMATCHING)
    assert ["score"] == [d["path"] for d in remaining.fields]  # not request_id
    [fixed] = replay.having(Change.FIXED)  # 2 mismatched on request_id alone: noise, so it matches now
    assert fixed.now is Verdict.MATCHED


def test_mismatches_only_replays_only_the_mismatched_inputs(setup):
    setup.record([1, 2, 3, 4], broken_on={1, 3})
    replay = setup.replay(mismatches_only=True)
    assert ([Verdict.MISMATCHED] * 2, 2) == ([one.before for one in replay.inputs], len(replay.having(Change.FIXED)))


def test_a_replay_writes_nothing_though_both_paths_write(setup):
    """Every table of the database counted before and after: legacy's and the candidate's rows are rolled back."""
    setup.record([1, 2, 3], broken_on={2})
    before = setup.row_counts()
    replay = setup.replay(broken_on={2})
    assert (3, 0) == (replay.replayed, len(replay.having(Change.UNREPLAYABLE)))
    assert before == setup.row_counts()


class EscapingLegacy(Legacy):
    """A legacy that writes through an engine of its own, outside the transaction the replay rolls back."""

    elsewhere = None  # set by the test: a second engine on the test's database

    def evaluate(self, x):
        with self.elsewhere.begin() as connection:
            connection.execute(text("insert into legacy_rows (x) values (:x)"), {"x": x})
        return super().evaluate(x)


def test_a_legacy_write_outside_the_rolled_back_transaction_is_refused_and_the_input_not_replayable(
        setup, database, monkeypatch):
    setup.record([1])
    before = setup.row_counts()
    elsewhere = create_engine(database.url)
    monkeypatch.setattr(EscapingLegacy, "elsewhere", elsewhere)
    try:
        replay = setup.replay(legacy=EscapingLegacy)
    finally:
        elsewhere.dispose()
    [refused] = replay.having(Change.UNREPLAYABLE)
    assert "legacy failed: CandidateWriteRefused" in refused.error
    assert (before, True) == (setup.row_counts(), replay.passed)


def test_a_difference_a_declared_divergence_explains_is_explained_not_failing(setup):
    setup.record([1], broken_on={1})
    with setup.sessions() as session:
        stored = stored_inputs(session, "qc")
    target = ReplayTarget("qc", setup.engine, lambda c: Candidate(c, {1}), setup.engine,
                          contextmanager(lambda connection: (yield Legacy(connection))),
                          explain=lambda diffs: "rounding" if [d["path"] for d in diffs] == ["score"] else None)
    replay = replay_module(target, stored)
    [explained] = replay.having(Change.EXPLAINED)
    assert ("rounding", True) == (explained.divergence, replay.passed)


def test_rows_from_before_kept_inputs_replay_their_mismatches_and_count_matches_not_kept(setup):
    """A mismatch stored with its inputs but no fingerprint is still replayed; a match with only a fingerprint cannot be."""
    recorder = EvidenceRecorder(setup.sessions)
    recorder.record_comparison("qc", False, diff=[{"path": "score", "legacy": 5.0, "new": 0.5}],
                               inputs={"method": "evaluate", "args": [5], "kwargs": {}})
    recorder.record_comparison("qc", True, method="evaluate", fingerprint="f" * 32)
    replay = setup.replay()
    [fixed] = replay.having(Change.FIXED)
    assert (fixed.key.startswith("stored:"), 1, 1) == (True, replay.replayed, replay.not_kept)


def test_a_stored_call_the_port_no_longer_takes_is_listed_with_why(setup):
    setup.record([1])

    def refuse(method, args, kwargs):
        raise ReplayInputError("Port.evaluate takes other arguments now")

    with setup.sessions() as session:
        stored = stored_inputs(session, "qc")
    target = ReplayTarget("qc", setup.engine, lambda c: Candidate(c), setup.engine,
                          contextmanager(lambda connection: (yield Legacy(connection))), decode=refuse)
    [unreplayable] = replay_module(target, stored).having(Change.UNREPLAYABLE)
    assert "Port.evaluate takes other arguments now" == unreplayable.error


def test_an_input_that_mismatched_then_matched_is_replayed_from_its_mismatch_though_no_match_was_kept(setup):
    """The latest verdict (a match) is the one it is judged by; its inputs come from the earlier mismatch's row."""
    setup.record([1], broken_on={1})
    recorder = EvidenceRecorder(setup.sessions)
    recorder._kept.limit = 0  # no room left: the match keeps only its fingerprint
    ShadowRunner("qc", setup.engine, lambda c: Candidate(c), recorder, raise_on_mismatch=False, timeout_s=5.0).call(
        "evaluate", (1,), {}, lambda: {"x": 1, "score": 1.0})
    flush_comparisons()
    replay = setup.replay(broken_on={1})
    [regression] = replay.having(Change.NEWLY_MISMATCHING)
    assert (Verdict.MATCHED, 0) == (regression.before, replay.not_kept)
