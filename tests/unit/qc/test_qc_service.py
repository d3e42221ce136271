"""The new QC over its own tables: results, outbox, idempotency, the production lookup, the guard."""
from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select, text

from aicmo.production.api import CreativeNotInSet
from aicmo.qc.api import QcFailed, QcVerdict
from aicmo.qc.internal import descriptor
from aicmo.qc.internal.tables import QcCreativeCheckRow, QcResultRow
from aicmo.qc.internal.unit_of_work import QcUnitOfWork
from aicmo.shared.clock import FixedClock
from aicmo.shared.errors import IdempotencyConflict
from aicmo.shared.persistence.guard import OwnershipViolation
from aicmo.shared.persistence.module_session import module_sessionmaker
from aicmo.shared.persistence.outbox import Outbox
from aicmo.shared.persistence.ownership import owner_of
from tests.unit.qc.builders import NOW, HeldProduction, creative, creative_set, request


@pytest.fixture
def engine(database):
    """QC's tables, migrated, on each backend."""
    return database.engine


def build_qc(bind, clock, production):
    return descriptor.build_qc(bind, clock, {"production": production})


def events(engine) -> list[tuple[str, dict]]:
    with QcUnitOfWork(module_sessionmaker("qc", engine)) as uow:
        return [(row.event_type, json.loads(row.payload)) for row in uow.outbox.pending()]


def test_a_passing_set_is_stored_and_raises_qc_passed(engine):
    """QC_APPROVED: the result reads back by id and as the latest, and a QcPassed waits in the outbox."""
    produced = creative_set()
    qc = build_qc(engine, FixedClock(NOW), HeldProduction(produced))
    result = qc.evaluate_creative_set(request(produced), "k1")
    assert (QcVerdict.QC_APPROVED, result, result) == (result.verdict, qc.get_result(result.qc_result_id),
                                                        qc.latest_result(produced.creative_set_id))
    assert [("QcPassed", str(result.qc_result_id))] == [(kind, payload["qc_result_id"]) for kind, payload in events(engine)]


def test_a_failing_set_raises_qc_failed_naming_the_failing_creatives(engine):
    """A banned claim fails its creative; QcFailed lists it."""
    produced = creative_set(creative(0), creative(1, caption="Guaranteed results, every single time."))
    qc = build_qc(engine, FixedClock(NOW), HeldProduction(produced))
    qc.evaluate_creative_set(request(produced), "k1")
    (kind, payload), = events(engine)
    assert ("QcFailed", (produced.creatives[1].creative_id,)) == (kind, QcFailed.model_validate(payload).failing_creative_ids)


def test_the_outbox_shares_the_evaluation_s_transaction(engine, monkeypatch):
    """When appending the event fails, the result is not stored either."""
    produced = creative_set()
    qc = build_qc(engine, FixedClock(NOW), HeldProduction(produced))

    def broken(self, event):
        raise RuntimeError("outbox down")

    monkeypatch.setattr(Outbox, "insert", broken)
    with pytest.raises(RuntimeError):
        qc.evaluate_creative_set(request(produced), "k1")
    with engine.connect() as connection:
        counts = tuple(connection.scalar(select(func.count()).select_from(row)) for row in (QcResultRow, QcCreativeCheckRow))
    assert (0, 0) == counts


def test_a_repeated_key_returns_the_first_result_and_another_request_conflicts(engine):
    """Same key and request: the stored result, no second event; same key, other request: IdempotencyConflict."""
    produced = creative_set()
    qc = build_qc(engine, FixedClock(NOW), HeldProduction(produced))
    first = qc.evaluate_creative_set(request(produced), "k1")
    assert (first, 1) == (qc.evaluate_creative_set(request(produced), "k1"), len(events(engine)))
    with pytest.raises(IdempotencyConflict):
        qc.evaluate_creative_set(request(produced, missing=("website",)), "k1")


def test_each_round_of_a_set_gets_its_own_derived_id(engine):
    """Round n of a set has the ACL's id for (set, n), so both paths name results alike."""
    from aicmo.shared.ids import derived_id
    from aicmo.qc.api import QcResultId

    produced = creative_set()
    qc = build_qc(engine, FixedClock(NOW), HeldProduction(produced))
    ids = [qc.evaluate_creative_set(request(produced), f"k{n}").qc_result_id for n in range(2)]
    assert [derived_id(QcResultId, produced.creative_set_id, n) for n in range(2)] == ids


def test_creatives_are_checked_as_production_holds_them(engine):
    """A caption rewritten in production since the caller's copy is the one checked."""
    stale = creative_set()
    held = creative_set(creative(0), creative(1, caption="Risk-free for everyone, as rewritten."))
    qc = build_qc(engine, FixedClock(NOW), HeldProduction(held))
    result = qc.evaluate_creative_set(request(stale), "k1")
    assert [True, False] == [c.passed for c in result.creatives]


def test_a_creative_production_does_not_hold_is_refused(engine):
    """CreativeNotInSet, and nothing stored."""
    qc = build_qc(engine, FixedClock(NOW), HeldProduction(creative_set()))
    with pytest.raises(CreativeNotInSet):
        qc.evaluate_creative_set(request(creative_set(creative(0), creative(7))), "k1")
    assert [] == events(engine)


def test_qc_owns_its_tables_and_its_session_may_not_write_production_s(engine):
    """The three tables are qc's; a qc session writing creative_assets is refused before the database."""
    session = module_sessionmaker("qc", engine)()
    with pytest.raises(OwnershipViolation):
        session.execute(text("UPDATE creative_assets SET qc_score = 1"))
    session.close()
    assert ["qc"] * 3 == [owner_of(t) for t in ("qc_results", "qc_creative_checks", "qc_outbox")]


def test_the_service_is_a_qc_port(engine):
    """The factory's product satisfies the QcPort protocol."""
    from aicmo.qc.api import QcPort

    assert isinstance(build_qc(engine, FixedClock(NOW), HeldProduction()), QcPort)


def test_the_duplicate_hook_share_is_reported_to_four_places(engine):
    """Two of seven days repeating a hook: 0.2857, under the 30% bound, so no finding."""
    produced = creative_set()
    qc = build_qc(engine, FixedClock(NOW), HeldProduction(produced))
    result = qc.evaluate_creative_set(request(produced, hooks=("a", "a", "b", "c", "d", "e", "f")), "k1")
    assert (0.2857, ()) == (result.calendar.duplicate_hook_share, result.calendar.findings)


def test_bound_to_a_connection_its_writes_roll_back_with_the_caller_s_transaction(engine):
    """A shadow caller's outer rollback removes the result and the event the new QC committed."""
    produced = creative_set()
    with engine.connect() as connection:
        outer = connection.begin()
        qc = build_qc(connection, FixedClock(NOW), HeldProduction(produced))
        result = qc.evaluate_creative_set(request(produced), "k1")
        assert result == qc.get_result(result.qc_result_id)
        outer.rollback()
    assert [] == events(engine)


def test_an_evaluation_is_one_transaction_of_one_read_and_three_inserts(engine):
    """What an evaluation sends QC's tables: the rounds read once, the result, its checks in one
    executemany and its event, then one commit; nothing left for the ORM to flush."""
    from sqlalchemy import event

    produced = creative_set()
    qc = build_qc(engine, FixedClock(NOW), HeldProduction(produced))
    qc.evaluate_creative_set(request(produced), "k0")  # the statements compiled, the pool warm
    sent, commits = [], []

    def statement(conn, cursor, sql, parameters, context, executemany):
        table = re.search(r"(?:FROM|INTO)\s+(?:\w+\.)?(qc_\w+)", sql)
        if table is not None:
            sent.append((sql.split()[0], table.group(1), executemany))

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", lambda conn: commits.append(conn))
    try:
        qc.evaluate_creative_set(request(produced), "k1")
    finally:
        event.remove(engine, "before_cursor_execute", statement)
    assert [("SELECT", "qc_results", False), ("INSERT", "qc_results", False),
            ("INSERT", "qc_creative_checks", True), ("INSERT", "qc_outbox", False)] == sent
    assert 1 == len(commits)
