"""A shadow candidate can never hurt the caller: planted faults, on SQLite and on PostgreSQL.

Every test plants one fault in a test-double candidate and checks the three things the caller
owns: legacy's answer comes back, legacy's committed row is there (and nothing of the
candidate's is), and the comparison records the kind of fault.
"""
from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import select, text

from aicmo.strangler.dispatch import ShadowRunner
from aicmo.strangler.evidence import EvidenceRecorder
from aicmo.strangler.evidence.comparison_batch import flush_comparisons
from aicmo.strangler.evidence.tables import ShadowComparisonRow
from aicmo.strangler.schema import strangler_sessions

TINY_TIMEOUT_S = 0.05
HANG_S = 2.0  # how long a hung candidate sleeps: far past the timeout, so a loaded machine cannot blur the two


class Caller:
    """The caller's side: one legacy write committed per call, and the tables to look at afterwards."""

    def __init__(self, database):
        self.engine = database.engine
        with self.engine.begin() as connection:
            for table in ("caller_rows", "candidate_rows"):
                connection.execute(text(f"drop table if exists {table}"))
                connection.execute(text(f"create table {table} (id integer primary key, x integer)"))
            connection.execute(text("insert into caller_rows (id, x) values (1, 0)"))
        self.sessions = strangler_sessions(self.engine)

    def legacy_call(self):
        with self.engine.begin() as connection:
            connection.execute(text("update caller_rows set x = x + 1 where id = 1"))
        return {"answer": "legacy"}

    def runner(self, candidate, recorder=None, timeout_s=1.0):
        return ShadowRunner("qc", self.engine, candidate, recorder or EvidenceRecorder(self.sessions),
                            raise_on_mismatch=False, timeout_s=timeout_s)

    def rows(self, table):
        with self.engine.connect() as connection:
            return connection.execute(text(f"select id, x from {table} order by id")).all()

    def comparisons(self):
        flush_comparisons()  # the end of the unit of work: what the calls buffered is written
        with self.sessions() as session:
            return list(session.scalars(select(ShadowComparisonRow).order_by(ShadowComparisonRow.id)))


@pytest.fixture
def caller(database):
    return Caller(database)


class Candidate:
    """A new path that writes its own row first (so it holds a write lock), then does `then`."""

    def __init__(self, connection, then):
        self.connection, self.then = connection, then

    def evaluate(self):
        self.connection.execute(text("insert into candidate_rows (id, x) values (1, 1)"))
        return self.then(self.connection)


def candidate(then):
    return lambda connection: Candidate(connection, then)


def recurse(depth=0):
    return recurse(depth + 1) + 1


def exhaust_memory(_connection):
    raise MemoryError()  # planted as raised: really exhausting memory would starve the machine's other work


def _raise(error):
    def then(_connection):
        raise error
    return then


@pytest.mark.parametrize(("then", "kind"), [
    (_raise(SystemExit(3)), "SystemExit"),
    (_raise(KeyboardInterrupt()), "KeyboardInterrupt"),
    (lambda _c: recurse(), "RecursionError"),
    (exhaust_memory, "MemoryError"),
    (_raise(RuntimeError("boom")), "RuntimeError"),
], ids=["SystemExit", "KeyboardInterrupt", "RecursionError", "MemoryError", "RuntimeError"])
def test_any_candidate_failure_leaves_the_callers_answer_and_commit(caller, then, kind):
    """SystemExit, KeyboardInterrupt raised by candidate code, RecursionError, MemoryError: recorded by kind, legacy intact."""
    answer = caller.runner(candidate(then)).call("evaluate", (), {}, caller.legacy_call)
    [row] = caller.comparisons()
    assert ({"answer": "legacy"}, [(1, 1)], []) == (answer, caller.rows("caller_rows"), caller.rows("candidate_rows"))
    assert (False, kind) == (row.matched, row.candidate_fault)
    assert row.candidate_error.startswith(kind)


def test_a_hung_candidate_is_abandoned_at_the_timeout_and_nothing_it_does_later_lands(caller):
    """A candidate holding a lock on the caller's row and sleeping: the caller waits only the timeout, then writes that row at once."""
    woke = threading.Event()

    def hang(connection):
        connection.execute(text("update caller_rows set x = 100 where id = 1"))  # a row lock (SQLite: the write lock)
        time.sleep(HANG_S)
        try:  # after its abandonment: a write, then a commit of its own transaction
            connection.execute(text("insert into candidate_rows (id, x) values (2, 2)"))
            connection.commit()
        finally:
            woke.set()

    started = time.perf_counter()
    answer = caller.runner(candidate(hang), timeout_s=TINY_TIMEOUT_S).call("evaluate", (), {}, caller.legacy_call)
    waited = time.perf_counter() - started
    # the caller's next write on the very row the candidate locked goes through without waiting on it
    with caller.engine.begin() as connection:
        if caller.engine.dialect.name == "postgresql":
            connection.execute(text("set local lock_timeout = '1s'"))
        connection.execute(text("update caller_rows set x = x + 10 where id = 1"))
    assert {"answer": "legacy"} == answer
    assert waited < HANG_S / 2, f"the caller waited {waited:.2f} s"
    assert woke.wait(5)
    [row] = caller.comparisons()
    assert ("timeout", False) == (row.candidate_fault, row.matched)
    assert ([(1, 11)], []) == (caller.rows("caller_rows"), caller.rows("candidate_rows"))


def test_a_candidate_writing_through_a_collaborators_legacy_port_persists_nothing(caller, legacy_database):
    """A collaborator writing on the legacy global engine is refused at once (no PostgreSQL row, no SQLite lock wait)."""
    def write_through_legacy(_connection):
        with legacy_database.session() as session:  # the legacy global session, as a legacy adapter opens it
            session.execute(text("update caller_rows set x = 99 where id = 1"))
            session.commit()
        return {"answer": "legacy"}

    started = time.perf_counter()
    answer = caller.runner(candidate(write_through_legacy), timeout_s=5).call("evaluate", (), {}, caller.legacy_call)
    [row] = caller.comparisons()
    assert ({"answer": "legacy"}, [(1, 1)], []) == (answer, caller.rows("caller_rows"), caller.rows("candidate_rows"))
    assert "CandidateWriteRefused" == row.candidate_fault
    assert time.perf_counter() - started < 2  # refused before the statement, not after a lock timeout


def test_a_collaborator_may_still_read(caller, legacy_database):
    """Reads through the legacy engine pass the fence: the candidate answers and matches."""
    def read_through_legacy(_connection):
        with legacy_database.session() as session:
            x = session.execute(text("select x from caller_rows where id = 1")).scalar_one()
        return {"answer": "legacy" if x == 1 else "stale"}

    caller.runner(candidate(read_through_legacy)).call("evaluate", (), {}, caller.legacy_call)
    assert [(True, None)] == [(r.matched, r.candidate_fault) for r in caller.comparisons()]


@pytest.mark.parametrize("how", ["commit", "raw COMMIT", "another connection"])
def test_a_candidate_cannot_commit_its_own_writes(caller, how):
    """Committing its doomed transaction, sending COMMIT, or writing on a connection of its own: refused, nothing lands."""
    def commit(connection):
        if how == "commit":
            connection.commit()
        elif how == "raw COMMIT":
            connection.exec_driver_sql("COMMIT")
        else:
            with caller.engine.connect() as other:
                other.execute(text("insert into candidate_rows (id, x) values (3, 3)"))
                other.commit()

    caller.runner(candidate(commit)).call("evaluate", (), {}, caller.legacy_call)
    [row] = caller.comparisons()
    # an in-memory SQLite pool hands the thread its one connection again, and SQLite itself refuses the second BEGIN
    same_connection = how == "another connection" and caller.engine.dialect.name == "sqlite"
    refused = "OperationalError" if same_connection else "CandidateWriteRefused"
    assert (refused, [], [(1, 1)]) == (row.candidate_fault, caller.rows("candidate_rows"), caller.rows("caller_rows"))


def test_an_answer_that_cannot_be_compared_is_the_candidates_fault(caller):
    """A self-containing answer would recurse in the comparer on the caller's thread: recorded as uncomparable instead."""
    def cyclic(_connection):
        answer: list = []
        answer.append(answer)
        return answer

    answer = caller.runner(candidate(cyclic)).call("evaluate", (), {}, caller.legacy_call)
    [row] = caller.comparisons()
    assert ({"answer": "legacy"}, "uncomparable") == (answer, row.candidate_fault)
