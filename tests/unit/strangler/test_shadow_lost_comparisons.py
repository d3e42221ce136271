"""A comparison that cannot be recorded never fails the caller: counted as lost, shown in the report.

Also: a real Ctrl-C while the caller waits on a candidate still stops the program, and the
candidate's timeout comes from the environment, checked.
"""
from __future__ import annotations

import os
import signal
import threading
import time

import pytest
from sqlalchemy import select, text

from aicmo.strangler.dispatch.candidate_run import run_candidate
from aicmo.strangler.dispatch.report import shadow_summaries
from aicmo.strangler.dispatch.settings import DEFAULT_TIMEOUT_S, TIMEOUT_ENV, ShadowSettingError, candidate_timeout
from aicmo.strangler.evidence.comparison_batch import flush_comparisons
from aicmo.strangler.evidence.tables import LostComparisonRow
from tests.unit.strangler.test_shadow_candidate_faults import Caller, candidate


@pytest.fixture
def caller(database):
    return Caller(database)


def _plant_refusing_trigger(engine) -> None:
    """The database itself refuses every new comparison row (a planted fault, removed afterwards)."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("CREATE FUNCTION strangler.planted_refusal() RETURNS trigger LANGUAGE plpgsql AS "
                                    "$$ BEGIN RAISE EXCEPTION 'planted: comparisons refused'; END $$"))
            connection.execute(text("CREATE TRIGGER planted_refusal BEFORE INSERT ON strangler.strangler_shadow_comparisons "
                                    "FOR EACH ROW EXECUTE FUNCTION strangler.planted_refusal()"))
        else:
            connection.execute(text("CREATE TRIGGER planted_refusal BEFORE INSERT ON strangler_shadow_comparisons "
                                    "BEGIN SELECT RAISE(ABORT, 'planted: comparisons refused'); END"))


def _remove_refusing_trigger(engine) -> None:
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("DROP TRIGGER IF EXISTS planted_refusal ON strangler.strangler_shadow_comparisons"))
            connection.execute(text("DROP FUNCTION IF EXISTS strangler.planted_refusal()"))
        else:
            connection.execute(text("DROP TRIGGER IF EXISTS planted_refusal"))


def test_a_comparison_the_database_refuses_is_counted_as_lost_and_the_caller_goes_on(caller, caplog):
    """The comparisons table refuses the insert: legacy's answer and commit stand, the loss is counted, logged and reported."""
    _plant_refusing_trigger(caller.engine)
    try:
        answer = caller.runner(candidate(lambda _c: {"answer": "legacy"})).call("evaluate", (), {}, caller.legacy_call)
        flush_comparisons()  # the unit of work ends while the database still refuses the batch
    finally:
        _remove_refusing_trigger(caller.engine)
    with caller.sessions() as session:
        lost = list(session.scalars(select(LostComparisonRow)))
        [summary] = shadow_summaries(session, "qc")
    assert ({"answer": "legacy"}, [(1, 1)], []) == (answer, caller.rows("caller_rows"), caller.comparisons())
    assert [("qc", "evaluate")] == [(r.module, r.method) for r in lost]
    assert "planted: comparisons refused" in lost[0].reason
    assert (0, 1) == (summary.comparisons, summary.lost)
    assert "comparison lost" in caplog.text


class Unreachable:
    """A recorder whose database is gone: neither the comparison nor the loss can be written."""

    def record_comparison(self, *args, **kwargs):
        raise ConnectionError("the evidence database does not answer")

    def record_lost_comparison(self, *args, **kwargs):
        raise ConnectionError("the evidence database does not answer")


def test_when_even_the_loss_cannot_be_counted_the_caller_still_gets_its_answer(caller, caplog):
    """Both writes fail: the caller's answer and commit stand, and the log says so."""
    answer = caller.runner(candidate(lambda _c: {"answer": "legacy"}), recorder=Unreachable()).call(
        "evaluate", (), {}, caller.legacy_call)
    assert ({"answer": "legacy"}, [(1, 1)]) == (answer, caller.rows("caller_rows"))
    assert "could not be counted either" in caplog.text


def test_the_report_counts_faults_by_kind(caller):
    """A timeout and a SystemExit show as candidate faults of their kind."""
    def hang(_connection):
        time.sleep(0.3)

    def exit_(_connection):
        raise SystemExit(1)

    caller.runner(candidate(hang), timeout_s=0.02).call("evaluate", (), {}, caller.legacy_call)
    caller.runner(candidate(exit_)).call("evaluate", (), {}, caller.legacy_call)
    flush_comparisons()  # the end of the unit of work
    with caller.sessions() as session:
        [summary] = shadow_summaries(session, "qc")
    assert ({"SystemExit": 1, "timeout": 1}, 2) == (summary.candidate_faults, summary.candidate_errors)


def test_a_real_ctrl_c_while_waiting_on_the_candidate_stops_the_caller_and_cuts_the_candidate_off(caller):
    """Ctrl-C reaches the main thread only: it propagates (the operator asked to stop), and the candidate's later write is refused."""
    later: list[str] = []
    started, done = threading.Event(), threading.Event()

    def slow(connection):
        started.set()
        try:
            time.sleep(0.3)
            connection.execute(text("insert into candidate_rows (id, x) values (9, 9)"))
            later.append("wrote")
        except BaseException as exc:  # noqa: B036 - the refusal is what the test looks for
            later.append(type(exc).__name__)
            raise
        finally:
            done.set()

    def ctrl_c_once_the_candidate_runs() -> None:
        if started.wait(5):
            os.kill(os.getpid(), signal.SIGINT)

    # a real SIGINT, as a terminal sends it: it interrupts the wait, which a simulated one would not;
    # sent while the caller waits on the running candidate, whatever the machine's load, and to
    # Python's own handler (what a terminal's Ctrl-C reaches in the program)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        threading.Thread(target=ctrl_c_once_the_candidate_runs, daemon=True).start()
        with pytest.raises(KeyboardInterrupt):
            outcome = run_candidate("qc", caller.engine, lambda c: c, slow, timeout_s=5)
            pytest.fail(f"the caller was not interrupted; the candidate {'ran' if started.is_set() else 'never ran'}: {outcome}")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert done.wait(5)
    assert later != ["wrote"] and [] == caller.rows("candidate_rows")


@pytest.mark.parametrize(("value", "expected"), [(None, DEFAULT_TIMEOUT_S), ("", DEFAULT_TIMEOUT_S), ("0.25", 0.25), (" 3 ", 3.0)])
def test_the_timeout_comes_from_the_environment(value, expected):
    """AICMO_SHADOW_TIMEOUT_S in seconds; unset or empty is the 2 s default."""
    assert expected == candidate_timeout({} if value is None else {TIMEOUT_ENV: value})


@pytest.mark.parametrize("value", ["soon", "0", "-1", "nan", "inf", "601"])
def test_an_unusable_timeout_is_one_clear_error(value):
    """Not a number, not above 0, or absurdly long: refused with a line naming the setting."""
    with pytest.raises(ShadowSettingError, match=f"^{TIMEOUT_ENV}="):
        candidate_timeout({TIMEOUT_ENV: value})
