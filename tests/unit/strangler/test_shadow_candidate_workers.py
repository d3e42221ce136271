"""Shadow candidates run on kept worker threads and connections: reused when idle, never while a candidate hangs,
and a candidate's refused commit leaves nothing open on the connection kept for the next one. Both backends."""
from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from aicmo.strangler.evidence.comparison_batch import flush_comparisons
from tests.unit.strangler.test_shadow_candidate_faults import Caller, candidate


@pytest.fixture
def caller(database):
    flush_comparisons()
    return Caller(database)


def test_an_idle_worker_takes_the_next_candidate(caller):
    threads = []

    def note(_connection):
        threads.append(threading.get_ident())
        return {"answer": "legacy"}

    for _ in range(3):
        caller.runner(candidate(note)).call("evaluate", (), {}, caller.legacy_call)
        caller.rows("candidate_rows")  # nothing of the candidate's is left between two calls
    assert 1 == len(set(threads)) and threading.get_ident() not in threads


def test_a_hung_candidates_worker_is_not_given_the_next_one(caller):
    """The next call runs on another worker and is answered at once; the hung one is abandoned, its write refused."""
    release = threading.Event()
    threads = []

    def hang(_connection):
        threads.append(threading.get_ident())
        release.wait(5)
        return {"answer": "legacy"}

    def answer(_connection):
        threads.append(threading.get_ident())
        return {"answer": "legacy"}

    caller.runner(candidate(hang), timeout_s=0.05).call("evaluate", (), {}, caller.legacy_call)
    started = time.monotonic()
    caller.runner(candidate(answer)).call("evaluate", (), {}, caller.legacy_call)
    waited = time.monotonic() - started
    release.set()
    hung, answered = caller.comparisons()
    assert ("timeout", None, True) == (hung.candidate_fault, answered.candidate_fault, answered.matched)
    assert threads[0] != threads[1] and waited < 5  # not queued behind the hung candidate
    assert ([], [(1, 2)]) == (caller.rows("candidate_rows"), caller.rows("caller_rows"))


@pytest.mark.parametrize("how", ["commit", "raw COMMIT"])
def test_a_refused_commit_leaves_no_transaction_open_on_the_kept_connection(caller, how):
    """After the refusal, another connection takes the candidate's table's strongest lock at once."""
    def commit(connection):
        if how == "commit":
            connection.commit()
        else:
            connection.exec_driver_sql("COMMIT")

    caller.runner(candidate(commit)).call("evaluate", (), {}, caller.legacy_call)
    with caller.engine.connect() as other:
        if caller.engine.dialect.name == "postgresql":
            other.execute(text("SET LOCAL lock_timeout = '1s'"))
            other.execute(text("LOCK TABLE candidate_rows IN ACCESS EXCLUSIVE MODE"))
        other.execute(text("insert into candidate_rows (id, x) values (9, 9)"))
        other.commit()
    [row] = caller.comparisons()
    assert ("CandidateWriteRefused", [(9, 9)]) == (row.candidate_fault, caller.rows("candidate_rows"))


def test_the_kept_connection_is_no_longer_the_last_candidates_module_for_the_next_one(caller):
    """Production's candidate guards its connection as production's (and takes production's role on PostgreSQL);
    qc's candidate, next on that kept connection, is not refused as if it were production (two modules on shadow)."""
    from aicmo.shared.persistence.module_session import module_sessionmaker
    from aicmo.strangler.dispatch.candidate_run import run_candidate

    def production_sessions(connection):  # as a descriptor builds a candidate: guarded, and in its database role
        return module_sessionmaker("production", connection, database_role=True, join_transaction_mode="create_savepoint")

    production = run_candidate("production", caller.engine, production_sessions, lambda sessions: "ok", 5.0)
    qc = run_candidate("qc", caller.engine, lambda c: c,
                       lambda c: c.execute(text("insert into candidate_rows (id, x) values (7, 7)")).rowcount, 5.0)
    assert ("ok", None, 1) == (production.result, qc.error, qc.result)
