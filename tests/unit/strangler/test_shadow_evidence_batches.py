"""Shadow comparisons written in batches: nothing buffered is lost silently, nothing lost fails the caller.

Planted on SQLite and on PostgreSQL: a batch the database refuses (counted lost, legacy's answer
still returned), comparisons buffered until the unit of work ends (then all written), a process
that exits cleanly with comparisons waiting (written by its exit hook), and what a matched
comparison stores (no inputs) against a mismatch (its inputs whole).
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from aicmo.strangler.dispatch import ShadowRunner
from aicmo.strangler.evidence import EvidenceRecorder
from aicmo.strangler.evidence.comparison_batch import PENDING, flush_comparisons
from aicmo.strangler.evidence.fingerprint import call_fingerprint
from aicmo.strangler.evidence.tables import KeptInputRow, LostComparisonRow, ShadowComparisonRow
from aicmo.strangler.evidence.unit_of_work import flushes_comparisons
from aicmo.strangler.schema import open_database
from tests.unit.strangler.test_shadow_lost_comparisons import _plant_refusing_trigger, _remove_refusing_trigger
from tests.unit.strangler.test_shadow_candidate_faults import Caller

ROOT = Path(__file__).resolve().parents[3]


class Port:
    """A new path answering what it is asked, or something else for `differ`."""

    def __init__(self, differ: bool = False) -> None:
        self.differ = differ

    def evaluate(self, request):
        return {"echo": request, "extra": 1} if self.differ else {"echo": request}


@pytest.fixture
def caller(database):
    flush_comparisons()  # nothing of an earlier test waiting
    return Caller(database)


def shadow(caller, differ=False):
    return ShadowRunner("qc", caller.engine, lambda _connection: Port(differ), EvidenceRecorder(caller.sessions),
                        raise_on_mismatch=False, timeout_s=5.0)


def counts(caller):
    with caller.sessions() as session:
        return (session.scalar(select(func.count()).select_from(ShadowComparisonRow)),
                session.scalar(select(func.count()).select_from(LostComparisonRow)))


def legacy(request):
    return lambda: {"echo": request}


def test_comparisons_wait_in_the_batch_until_the_unit_of_work_ends_then_all_are_written(caller):
    """Five shadow calls inside a unit of work: none written while it runs, all five when it ends."""
    seen_during = []

    @flushes_comparisons
    def unit_of_work():
        for number in range(5):
            shadow(caller).call("evaluate", ({"n": number},), {}, legacy({"n": number}))
        seen_during.append(counts(caller))

    unit_of_work()
    assert [(0, 0)] == seen_during
    assert (5, 0) == counts(caller)


def test_a_unit_of_work_that_raises_still_writes_what_it_buffered(caller):
    @flushes_comparisons
    def failing():
        shadow(caller).call("evaluate", ({"n": 1},), {}, legacy({"n": 1}))
        raise RuntimeError("the journey failed after its shadow call")

    with pytest.raises(RuntimeError):
        failing()
    assert (1, 0) == counts(caller)


def test_a_full_batch_is_written_at_once(caller, monkeypatch):
    monkeypatch.setattr(PENDING, "max_rows", 3)
    for number in range(4):
        shadow(caller).call("evaluate", ({"n": number},), {}, legacy({"n": number}))
    assert ((3, 0), 1) == (counts(caller), len(PENDING))
    flush_comparisons()
    assert (4, 0) == counts(caller)


def test_an_old_batch_is_written_with_the_next_comparison(caller, monkeypatch):
    monkeypatch.setattr(PENDING, "max_age_s", 0.0)
    shadow(caller).call("evaluate", ({"n": 1},), {}, legacy({"n": 1}))
    assert ((1, 0), 0) == (counts(caller), len(PENDING))


def test_a_batch_the_database_refuses_is_counted_lost_and_the_caller_gets_legacys_answer(caller, monkeypatch, caplog):
    """The batch fills during the third call and the database refuses it: three lost, legacy's answers and commits stand."""
    monkeypatch.setattr(PENDING, "max_rows", 3)
    _plant_refusing_trigger(caller.engine)
    try:
        answers = [shadow(caller).call("evaluate", ({"n": n},), {}, caller.legacy_call) for n in range(3)]
    finally:
        _remove_refusing_trigger(caller.engine)
    with caller.sessions() as session:
        lost = [(r.module, r.method) for r in session.scalars(select(LostComparisonRow))]
    assert [{"answer": "legacy"}] * 3 == answers
    assert [(1, 3)] == caller.rows("caller_rows")
    assert ((0, 3), [("qc", "evaluate")] * 3) == (counts(caller), lost)
    assert "comparison lost" in caplog.text


def test_a_flush_that_raises_counts_the_batch_lost_and_never_raises(caller, monkeypatch):
    """Writing the batch itself raises (not the database): every comparison in it is counted lost, nothing propagates."""
    shadow(caller).call("evaluate", ({"n": 1},), {}, legacy({"n": 1}))
    shadow(caller).call("evaluate", ({"n": 2},), {}, legacy({"n": 2}))

    def broken(*args, **kwargs):
        raise ConnectionResetError("planted: the connection dropped mid-batch")

    real_begin = caller.sessions.begin
    calls = []

    def begin_once_broken():
        calls.append(1)
        return broken() if len(calls) == 1 else real_begin()

    monkeypatch.setattr(caller.sessions, "begin", begin_once_broken)
    assert 0 == flush_comparisons()
    monkeypatch.setattr(caller.sessions, "begin", real_begin)
    with caller.sessions() as session:
        reasons = [r.reason for r in session.scalars(select(LostComparisonRow))]
    assert (0, 2) == counts(caller)
    assert ["ConnectionResetError: planted: the connection dropped mid-batch"] * 2 == reasons


def test_a_matched_comparison_stores_no_inputs_and_a_mismatch_keeps_them(caller):
    """A match's row keeps its fingerprint only; its inputs are kept once, apart; a mismatch keeps inputs and legacy's answer."""
    request = {"brief": "x" * 2_000, "n": 7}
    runner = shadow(caller)
    for _ in range(3):  # three equal matched calls: one kept input
        runner.call("evaluate", (request,), {}, legacy(request))
    shadow(caller, differ=True).call("evaluate", (request,), {}, legacy(request))
    flush_comparisons()
    *matches, mismatched = caller.comparisons()
    fingerprint = call_fingerprint("evaluate", (request,), {})
    inputs = {"method": "evaluate", "args": [request], "kwargs": {}}
    assert [(True, None, None, fingerprint, "evaluate")] * 3 == [
        (m.matched, m.inputs, m.legacy_output, m.fingerprint, m.method) for m in matches]
    assert len(json.dumps([matches[0].diff, matches[0].inputs, matches[0].timings])) < 100  # nothing of the request's 2 KB
    assert (False, inputs, fingerprint, [{"path": "extra", "legacy": "<missing>", "new": 1}], {"echo": request}) == (
        mismatched.matched, mismatched.inputs, mismatched.fingerprint, mismatched.diff, mismatched.legacy_output)
    with caller.sessions() as session:
        kept = [(k.module, k.fingerprint, k.inputs, k.legacy_output) for k in session.scalars(select(KeptInputRow))]
    assert [("qc", fingerprint, inputs, {"echo": request})] == kept


def test_a_module_keeps_a_bounded_number_of_matched_inputs(caller):
    """Past the bound, new matched inputs are not kept (nor serialised): storage stays bounded."""
    def run(inputs):
        recorder = EvidenceRecorder(caller.sessions)  # each one a process of its own, as far as kept inputs go
        recorder._kept.limit = 3
        runner = ShadowRunner("qc", caller.engine, lambda _connection: Port(), recorder, raise_on_mismatch=False,
                              timeout_s=5.0)
        for n in inputs:
            runner.call("evaluate", ({"n": n},), {}, legacy({"n": n}))
        flush_comparisons()
        with caller.sessions() as session:
            return session.scalar(select(func.count()).select_from(KeptInputRow))

    assert 3 == run(range(5))  # this process stops keeping at the bound
    assert 3 == run(range(5, 7))  # another one finds the table full
    assert 7 == counts(caller)[0]  # every comparison recorded all the same


EXITING = textwrap.dedent("""
    import sys
    from aicmo.strangler.dispatch import ShadowRunner
    from aicmo.strangler.evidence import EvidenceRecorder
    from aicmo.strangler.schema import open_database

    class Port:
        def evaluate(self, n):
            return n

    sessions = open_database(sys.argv[1], upgrade_first=True)
    runner = ShadowRunner("qc", sessions.kw["bind"], lambda c: Port(), EvidenceRecorder(sessions), raise_on_mismatch=False)
    for n in range(7):
        runner.call("evaluate", (n,), {}, lambda n=n: n)
    # no flush: the interpreter's exit writes what waits
""")


def test_a_process_exiting_cleanly_writes_the_comparisons_it_buffered(database, tmp_path):
    """Seven comparisons buffered and never flushed by the program: its interpreter's exit writes them."""
    # the test's SQLite database lives in this process's memory: the child gets a file of its own
    url = database.url if database.backend == "postgresql" else f"sqlite:///{tmp_path / 'exiting.db'}"
    done = subprocess.run([sys.executable, "-c", EXITING, url], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert 0 == done.returncode, done.stderr
    with open_database(url)() as session:
        assert 7 == session.scalar(select(func.count()).select_from(ShadowComparisonRow).where(ShadowComparisonRow.module == "qc"))


def test_a_journey_is_a_unit_of_work_its_comparisons_are_written_when_it_returns(database, legacy_database):
    """qc on shadow over a whole journey: when the runner returns, nothing waits and every QC round is recorded."""
    from aicmo.orchestration import bootstrap
    from aicmo.orchestration.journey import run_client_journey
    from aicmo.strangler.routes import Route
    from tests.characterization import corpus

    flush_comparisons()
    ports = bootstrap.routed_ports(database.url, {"qc": Route.SHADOW})
    intake = ports.onboarding.read_intake_request(corpus.intake(corpus.JOURNEY_INTAKES[0]))
    outcome = run_client_journey(ports, intake, out_dir="out")
    assert 0 == len(PENDING)
    with open_database(database.url)() as session:
        recorded = session.scalar(select(func.count()).select_from(ShadowComparisonRow).where(ShadowComparisonRow.module == "qc"))
    assert len(outcome.qc_rounds) == recorded > 0


def test_a_forked_child_starts_with_nothing_waiting(caller):
    """What the parent buffered is the parent's to write: a child writing it too would record it twice."""
    import os

    shadow(caller).call("evaluate", ({"n": 1},), {}, legacy({"n": 1}))
    pid = os.fork()
    if pid == 0:  # the child: report what it inherited, and leave without running any exit hook
        os._exit(len(PENDING))
    _, status = os.waitpid(pid, 0)
    assert (0, 1) == (os.waitstatus_to_exitcode(status), len(PENDING))
    flush_comparisons()
    assert (1, 0) == counts(caller)
