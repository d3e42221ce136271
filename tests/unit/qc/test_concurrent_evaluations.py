"""Eight processes evaluating one creative set at once: no error, no lost round, no duplicate.

Each process stands for a journey at its QC step, on a database of its own for the test (an
SQLite file, a throwaway PostgreSQL database). They start together at a barrier; each
evaluates the set a few times under keys of its own, and once under a key all of them share.
Afterwards the rounds are 0..N-1 exactly once each, every evaluation has its one event, and
the shared key gave every process the same result.
"""
from __future__ import annotations

import multiprocessing
import traceback

import pytest
from sqlalchemy import text

from tests.databases import TestDatabase, ThrowawayPostgres

PROCESSES = 8
EVALUATIONS_EACH = 3
SHARED_KEY = "the-same-request-from-every-journey"


def _evaluate_in_a_journey(url: str, worker: int, barrier, answers) -> None:
    """One process: its own engine, QC's new port, the same set; answers (worker, key, result id) or an error."""
    try:
        from aicmo.qc.internal import descriptor
        from aicmo.shared.clock import FixedClock
        from aicmo.shared.persistence.engines import engine_for
        from tests.unit.qc.builders import NOW, HeldProduction, creative_set, request

        produced = creative_set()
        qc = descriptor.build_qc(engine_for(url), FixedClock(NOW), {"production": HeldProduction(produced)})
        keys = [f"journey-{worker}-{n}" for n in range(EVALUATIONS_EACH)] + [SHARED_KEY]
        barrier.wait(timeout=60)
        for key in keys:
            result = qc.evaluate_creative_set(request(produced), key)
            answers.put((worker, key, str(result.qc_result_id), None))
    except BaseException:  # noqa: B036 - the parent asserts there was none, and shows it
        answers.put((worker, "error", traceback.format_exc(), None))


@pytest.fixture(params=["sqlite", "postgresql"], ids=["db:sqlite", "db:postgresql"])
def shared_database(request, tmp_path, postgres):
    """A migrated database several processes can open: a file, or a PostgreSQL database of this test's own."""
    from aicmo.orchestration.bootstrap import prepare_database
    from aicmo.shared.persistence.engines import forget_engine

    if request.param == "sqlite":
        database = TestDatabase("sqlite", f"sqlite:///{tmp_path / 'journeys.db'}")
        prepare_database(database.url, upgrade=True)
        yield database
        forget_engine(database.url)
        return
    if postgres is None:
        pytest.skip("no PostgreSQL server answers")
    throwaway = ThrowawayPostgres(postgres.server_url)  # a unique name: other runs share the server
    throwaway._admin("CREATE DATABASE {name}")
    try:
        prepare_database(throwaway.url, upgrade=True)
        yield TestDatabase("postgresql", throwaway.url)
    finally:
        throwaway.stop()


def test_eight_journeys_evaluating_one_set_at_once_lose_nothing_and_duplicate_nothing(shared_database):
    """Every evaluation gets its own round 0..N-1, its row and its event; the shared key is one evaluation, replayed."""
    context = multiprocessing.get_context("spawn")  # fresh interpreters: no engine or connection crosses a fork
    barrier, answers = context.Barrier(PROCESSES), context.Queue()
    workers = [context.Process(target=_evaluate_in_a_journey, args=(shared_database.url, n, barrier, answers))
               for n in range(PROCESSES)]
    for worker in workers:
        worker.start()
    got = []
    while len(got) < PROCESSES * (EVALUATIONS_EACH + 1) and not any(answer[1] == "error" for answer in got):
        got.append(answers.get(timeout=120))
    for worker in workers:
        worker.join(timeout=60)
    errors = [answer[2] for answer in got if answer[1] == "error"]
    assert [] == errors, errors[0]
    distinct = PROCESSES * EVALUATIONS_EACH + 1
    shared = {result_id for _, key, result_id, _ in got if key == SHARED_KEY}
    own = [result_id for _, key, result_id, _ in got if key != SHARED_KEY]
    assert 1 == len(shared)  # one evaluation for the shared key, the same answer in all eight journeys
    assert distinct == len(set(own) | shared) == len(own) + 1
    with shared_database.engine.connect() as connection:
        schema = "qc." if shared_database.backend == "postgresql" else ""
        stored = connection.execute(text(f"select round_number, id from {schema}qc_results order by round_number")).all()
        events = connection.scalar(text(f"select count(*) from {schema}qc_outbox"))
    assert list(range(distinct)) == [r for r, _ in stored]  # no round lost, none twice
    assert (set(own) | shared, distinct) == ({i for _, i in stored}, events)
