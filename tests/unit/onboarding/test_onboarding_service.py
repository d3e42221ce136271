"""The new onboarding over its own tables: projects, changes, outbox, idempotency, the machine, the guard."""
from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from sqlalchemy import text

from aicmo.onboarding.api import ClientIntake, ClientNotFound, IllegalStateTransition, ProjectState
from aicmo.onboarding.internal import descriptor
from aicmo.onboarding.internal.legacy_view import LegacyWrite, ViewColumn
from aicmo.onboarding.internal.unit_of_work import OnboardingUnitOfWork
from aicmo.shared.clock import FixedClock
from aicmo.shared.errors import IdempotencyConflict
from aicmo.shared.persistence.guard import OwnershipViolation
from aicmo.shared.persistence.module_session import module_sessionmaker

NOW = dt.datetime(2026, 1, 15, 10, 0, tzinfo=dt.timezone.utc)
INTAKE = ClientIntake(brand_name="Helix", industry="B2B software", pack="full_funnel")
S = ProjectState


@pytest.fixture
def onboarding(database):
    return descriptor.build_onboarding(database.engine, FixedClock(NOW), {})


def events(engine) -> list[tuple[str, dict]]:
    with OnboardingUnitOfWork(module_sessionmaker("onboarding", engine)) as uow:
        return [(row.event_type, json.loads(row.payload)) for row in uow.outbox.pending()]


def test_onboarding_mints_one_uuid4_and_raises_client_onboarded(onboarding, database, monkeypatch):
    """One draw of uuid.uuid4 (looked up at call time) is the client id; both events wait in the outbox."""
    draws = []
    monkeypatch.setattr(uuid, "uuid4", lambda: draws.append(1) or uuid.UUID(int=7, version=4))
    project = onboarding.onboard_client(INTAKE, "k1")
    assert (1, str(uuid.UUID(int=7, version=4))) == (len(draws), project.client_id)
    assert ("Helix", "Client project for Helix", S.STRATEGY_DRAFT, NOW, NOW) == (
        project.name, project.description, project.state, project.created_at, project.updated_at)
    assert [("ClientOnboarded", "Helix"), ("ProjectStateChanged", "STRATEGY_DRAFT")] == [
        (kind, payload.get("name", payload.get("to_state"))) for kind, payload in events(database.engine)]


def test_a_repeated_key_replays_the_project_as_created_and_another_intake_conflicts(onboarding):
    """Same key, same intake: the first answer, even after the project moved; another intake: a conflict."""
    first = onboarding.onboard_client(INTAKE, "k1")
    onboarding.advance_project(first.client_id, S.INTAKE_COMPLETE, "a1")
    assert first == onboarding.onboard_client(INTAKE, "k1")
    with pytest.raises(IdempotencyConflict):
        onboarding.onboard_client(ClientIntake(brand_name="Other"), "k1")


def test_the_machine_starts_a_fresh_project_at_created_and_refuses_a_jump(onboarding, database):
    """STRATEGY_DRAFT (Q-02) moves to INTAKE_COMPLETE; a jump is refused naming the machine's state."""
    client = onboarding.onboard_client(INTAKE, "k1").client_id
    with pytest.raises(IllegalStateTransition) as refused:
        onboarding.advance_project(client, S.STRATEGY_APPROVED, "a0")
    assert ("CREATED -> STRATEGY_APPROVED", {"current": "CREATED", "target": "STRATEGY_APPROVED"}) == (
        str(refused.value), refused.value.details)
    moved = onboarding.advance_project(client, S.INTAKE_COMPLETE, "a1")
    assert S.INTAKE_COMPLETE == moved.state == onboarding.get_project(client).state
    assert ("ProjectStateChanged", "STRATEGY_DRAFT", "INTAKE_COMPLETE") == (
        lambda kind, payload: (kind, payload["from_state"], payload["to_state"]))(*events(database.engine)[-1])


def test_a_replayed_move_answers_as_it_did_and_another_request_conflicts(onboarding):
    client = onboarding.onboard_client(INTAKE, "k1").client_id
    moved = onboarding.advance_project(client, S.INTAKE_COMPLETE, "a1")
    onboarding.add_project_note(client, "[Checked]", "n1")
    assert moved == onboarding.advance_project(client, S.INTAKE_COMPLETE, "a1")
    with pytest.raises(IdempotencyConflict):
        onboarding.advance_project(client, S.STRATEGY_GENERATED, "a1")
    # keys are per command: the note may reuse the advance's key
    assert onboarding.add_project_note(client, "[Again]", "a1").description.endswith("[Checked] [Again]")


def test_unknown_clients_are_not_found(onboarding):
    unknown = "00000000-0000-4000-8000-000000000000"
    for call in (lambda: onboarding.get_project(unknown),
                 lambda: onboarding.advance_project(unknown, S.INTAKE_COMPLETE, "a"),
                 lambda: onboarding.add_project_note(unknown, "x", "n")):
        with pytest.raises(ClientNotFound):
            call()


def test_a_cancelled_project_is_final(onboarding):
    client = onboarding.onboard_client(INTAKE, "k1").client_id
    onboarding.absorb_legacy_write(client, LegacyWrite(ViewColumn.PROJECT_STATE, "CANCELLED", 0))
    with pytest.raises(IllegalStateTransition) as refused:
        onboarding.advance_project(client, S.INTAKE_COMPLETE, "a1")
    assert "CANCELLED -> INTAKE_COMPLETE" == str(refused.value)


def test_a_legacy_write_is_taken_in_once(onboarding):
    """The same message twice changes the project once (the inbox)."""
    client = onboarding.onboard_client(INTAKE, "k1").client_id
    stamp = LegacyWrite(ViewColumn.DESCRIPTION, "Client project for Helix [Approved: x]", 0)
    onboarding.absorb_legacy_write(client, stamp)
    onboarding.absorb_legacy_write(client, stamp)
    assert "Client project for Helix [Approved: x]" == onboarding.get_project(client).description
    assert 1 == onboarding.legacy_view_expectation(client).version


def test_a_rejected_project_restarts_where_its_strategy_decision_says(onboarding):
    """L-09: REJECTED (Q-10) restarts at STRATEGY_APPROVED once the strategy was approved, else STRATEGY_GENERATED."""
    approved = onboarding.onboard_client(INTAKE, "k1").client_id
    onboarding.add_project_note(approved, "[Approved: 2026-01-15T10:00:00+00:00]", "n1")
    drafted = onboarding.onboard_client(INTAKE, "k2").client_id
    onboarding.advance_project(drafted, S.INTAKE_COMPLETE, "a1")
    onboarding.advance_project(drafted, S.STRATEGY_GENERATED, "a2")
    for client in (approved, drafted):
        onboarding.absorb_legacy_write(client, LegacyWrite(ViewColumn.PROJECT_STATE, "REJECTED", 2))
    assert S.CAMPAIGN_DEFINED == onboarding.advance_project(approved, S.CAMPAIGN_DEFINED, "a3").state
    assert S.STRATEGY_APPROVED == onboarding.advance_project(drafted, S.STRATEGY_APPROVED, "a4").state


def test_the_guarded_session_refuses_legacy_tables(database):
    """Onboarding's session writes its own tables only: cam_campaigns is cam's."""
    sessions = module_sessionmaker("onboarding", database.engine)
    with pytest.raises(OwnershipViolation):
        with sessions() as session:
            session.execute(text("UPDATE cam_campaigns SET description = 'x'"))
