"""The new retention over its own tables: keyed assessments, legacy's ids, its events, its reads, its shadow naming."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from aicmo.orchestration import bootstrap
from aicmo.retention.api import AssessmentNotFound, LifecycleStage, RiskLevel
from aicmo.retention.internal import descriptor
from aicmo.retention.internal.naming import keyed
from aicmo.retention.internal.unit_of_work import RetentionUnitOfWork
from aicmo.shared.clock import FixedClock
from aicmo.shared.errors import IdempotencyConflict
from aicmo.shared.persistence.guard import OwnershipViolation
from aicmo.shared.persistence.idempotency import value_fingerprint
from aicmo.shared.persistence.module_session import module_sessionmaker
from aicmo.shared.persistence.ownership import owner_of
from tests.port_suites.builders import NOW
from tests.unit.retention.builders import legacy_journey, signals_of


@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for name in ("AICMO_E2E_MODE", "AICMO_REVIEW_CHANGE_SHARE", "AICMO_OUTPUT_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def outcome(env, legacy_database, seeded_ids, fixed_clock):
    return legacy_journey()


@pytest.fixture
def clock():
    return FixedClock(NOW)


@pytest.fixture
def retention(database, clock):
    return descriptor.build_retention(database.engine, clock, {})


def events(database) -> list[str]:
    with RetentionUnitOfWork(module_sessionmaker("retention", database.engine)) as uow:
        return [row.event_type for row in uow.outbox.pending()]


def test_an_assessment_draws_one_id_and_its_key_answers_the_same_after(retention, outcome, seeded_ids):
    """One uuid4 drawn, as legacy draws one; the key replays the answer without drawing; another request conflicts."""
    drawn = len(seeded_ids.issued)
    first = retention.assess_retention(signals_of(outcome), "assess")
    assert [str(first.assessment_id)] == seeded_ids.issued[drawn:]
    assert first == retention.assess_retention(signals_of(outcome), "assess")
    assert drawn + 1 == len(seeded_ids.issued)
    with pytest.raises(IdempotencyConflict):
        retention.assess_retention(signals_of(outcome, days_silent=3), "assess")


def test_the_answer_and_its_id_are_legacy_s_under_the_same_seed(retention, outcome, seeded_ids):
    """The same signals and the same seeded draws give legacy's assessment, its id included."""
    signals = signals_of(outcome, days_silent=100, rejections=2, approved_in_first_round=False)
    seeded_ids.reseed("retention")
    legacy = bootstrap.legacy_ports().retention.assess_retention(signals, "legacy")
    seeded_ids.reseed("retention")
    assert legacy == retention.assess_retention(signals, "new")
    assert legacy.model_dump_json() == retention.get_assessment(legacy.assessment_id).model_dump_json()


def test_a_high_risk_raises_client_at_risk_beside_the_assessment(retention, outcome, database):
    """RetentionAssessed for each assessment; ClientAtRisk only when the risk is high (L-29)."""
    low = retention.assess_retention(signals_of(outcome), "low")
    assert RiskLevel.LOW == low.risk_level and ["RetentionAssessed"] == events(database)
    high = retention.assess_retention(signals_of(outcome, days_silent=100, rejections=1, overdue=1), "high")
    assert (RiskLevel.HIGH, LifecycleStage.AT_RISK) == (high.risk_level, high.lifecycle_stage)
    assert ["RetentionAssessed", "RetentionAssessed", "ClientAtRisk"] == events(database)


def test_the_latest_is_the_newest_and_reads_need_no_memory_of_the_process(retention, outcome, clock, database):
    """latest_assessment: the later instant; a new instance (another process) reads the engagement gap back."""
    first = retention.assess_retention(signals_of(outcome, days_silent=10), "first")
    clock.move_to(NOW + dt.timedelta(hours=1))
    second = retention.assess_retention(signals_of(outcome, days_silent=40), "second")
    again = descriptor.build_retention(database.engine, clock, {})
    assert (second, first) == (again.latest_assessment(outcome.project.client_id), again.get_assessment(first.assessment_id))
    assert 40 == again.latest_assessment(outcome.project.client_id).days_since_engagement
    with pytest.raises(AssessmentNotFound):
        again.latest_assessment("00000000-0000-4000-8000-000000000000")


def test_retention_owns_its_tables_and_its_session_may_not_write_legacys(database):
    """The three tables are retention's; a retention session writing another table, its own legacy view included, is refused."""
    assert ["retention"] * 3 == [owner_of(t) for t in ("retention_assessment_records", "retention_commands", "retention_outbox")]
    with RetentionUnitOfWork(module_sessionmaker("retention", database.engine)) as uow:
        with pytest.raises(OwnershipViolation):
            uow.session.execute(text("DELETE FROM billing_invoices"))


def test_a_shadow_candidate_computes_legacy_s_assessment_and_draws_nothing(outcome, database, seeded_ids, clock):
    """Under shadow every field but the id and the instant is legacy's; the id is derived from the key, no draw."""
    signals = signals_of(outcome, days_silent=5)
    legacy = bootstrap.legacy_ports().retention.assess_retention(signals, "shadowed")
    drawn = len(seeded_ids.issued)
    with database.engine.connect() as connection:
        connection.begin()
        candidate = descriptor.build_retention(connection, clock, {})
        shadowed = candidate.assess_retention(signals, "shadowed")
        connection.rollback()
    assert drawn == len(seeded_ids.issued)
    assert shadowed.assessment_id != legacy.assessment_id
    assert shadowed.assessment_id == keyed("shadowed", "") and shadowed.assessment_id != keyed("another key", "")
    ignored = descriptor.DESCRIPTOR.instant_fields
    assert {"assessment_id", "assessed_at"} == set(ignored)
    assert legacy.model_dump(exclude=set(ignored)) == shadowed.model_dump(exclude=set(ignored))
