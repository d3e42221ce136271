"""The new strategy over its own tables: drafts, decisions and their stamps, idempotency, outbox, the guard."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select, text

from aicmo.shared.clock import FixedClock
from aicmo.shared.errors import IdempotencyConflict
from aicmo.shared.persistence.guard import OwnershipViolation
from aicmo.shared.persistence.module_session import module_sessionmaker
from aicmo.shared.persistence.ownership import owner_of
from aicmo.shared.seeded_uuid import SEEDED, seeded_uuid4
from aicmo.shared.text_generation import TEXT_GENERATOR
from aicmo.strategy.api import StrategyDecisionKind, StrategyNotFound, StrategyPort, StrategyStatus
from aicmo.strategy.internal import descriptor
from aicmo.strategy.internal.drafting import build_prompt
from aicmo.strategy.internal.tables import StrategyDecisionRow
from aicmo.strategy.internal.unit_of_work import StrategyUnitOfWork
from tests.unit.strategy.builders import CLIENT, NOW, PROJECT, Onboarding, Provider


@pytest.fixture
def engine(database):
    """Strategy's tables, migrated, on each backend."""
    return database.engine


class Built:
    def __init__(self, engine, provider=None):
        self.clock, self.provider, self.onboarding = FixedClock(NOW), provider or Provider(), Onboarding()
        self.strategy = descriptor.build_strategy(engine, self.clock, {TEXT_GENERATOR: self.provider, "onboarding": self.onboarding})


def events(engine) -> list[tuple[str, dict]]:
    with StrategyUnitOfWork(module_sessionmaker("strategy", engine)) as uow:
        return [(row.event_type, json.loads(row.payload)) for row in uow.outbox.pending()]


def test_a_draft_asks_legacy_s_question_and_is_stored(engine):
    """Task "strategy", legacy's prompt and context; three pillars, the sales split, DRAFT, a StrategyDrafted."""
    built = Built(engine)
    drafted = built.strategy.draft_strategy(PROJECT, "k1")
    brief = PROJECT.brief.model_dump(mode="json")
    assert [("strategy", build_prompt(brief), {"brief": brief})] == built.provider.asked
    assert (CLIENT, 3, ("search", "social", "email"), StrategyStatus.DRAFT, ()) == (
        drafted.strategy_id, len(drafted.document.pillars), tuple(c.name for c in drafted.document.channels),
        drafted.status, drafted.validation_errors)
    assert drafted == built.strategy.get_strategy(CLIENT)
    assert PROJECT.created_at == drafted.created_at  # legacy reports the project's creation
    assert [("StrategyDrafted", "DRAFT")] == [(t, p["status"]) for t, p in events(engine)]


def test_an_unusable_answer_drafts_the_fallback_stored_rejected(engine):
    """Q-03 and L-07: the fallback's summary is too short, so the plan is REJECTED with legacy's message."""
    drafted = Built(engine, Provider("not json")).strategy.draft_strategy(PROJECT, "k1")
    assert (StrategyStatus.REJECTED, ("executive_summary is 38 characters (minimum 50)",)) == (
        drafted.status, drafted.validation_errors)


def test_approval_stamps_the_project_through_onboarding_at_the_decision_s_instant(engine):
    """APPROVED, a decision whose decided_at is the stamp's instant, the stamp sent to onboarding, a StrategyApproved."""
    built = Built(engine)
    built.strategy.draft_strategy(PROJECT, "k1")
    approved = built.strategy.approve_strategy(CLIENT, "k2")
    decision = approved.decisions[-1]
    assert (StrategyStatus.APPROVED, StrategyDecisionKind.APPROVED, NOW) == (approved.status, decision.decision, decision.decided_at)
    assert f"[Approved: {NOW.isoformat()}]" == decision.project_note == "[Approved: 2026-01-15T10:00:00+00:00]"
    assert [(CLIENT, decision.project_note)] == list(built.onboarding.notes.values())
    assert approved == built.strategy.get_strategy(CLIENT)
    assert ["StrategyDrafted", "StrategyApproved"] == [t for t, _ in events(engine)]


def test_rejection_keeps_the_reason_and_stamps_it(engine):
    built = Built(engine)
    built.strategy.draft_strategy(PROJECT, "k1")
    rejected = built.strategy.reject_strategy(CLIENT, "off brand", "k2")
    assert (StrategyStatus.REJECTED, "off brand", "[Rejected: off brand]") == (
        rejected.status, rejected.decisions[-1].reason, rejected.decisions[-1].project_note)
    assert [(CLIENT, "[Rejected: off brand]")] == list(built.onboarding.notes.values())
    assert ("StrategyRejected", "off brand") == (events(engine)[-1][0], events(engine)[-1][1]["reason"])


def test_decisions_are_kept_in_strategy_s_tables(engine):
    """Read by another instance (another process), the decisions are still there, oldest first."""
    built = Built(engine)
    built.strategy.draft_strategy(PROJECT, "k1")
    built.strategy.reject_strategy(CLIENT, "too vague", "k2")
    built.clock.move_to(NOW.replace(hour=11))
    built.strategy.approve_strategy(CLIENT, "k3")
    again = Built(engine).strategy.get_strategy(CLIENT)
    assert [StrategyDecisionKind.REJECTED, StrategyDecisionKind.APPROVED] == [d.decision for d in again.decisions]
    with engine.connect() as connection:
        assert 2 == connection.scalar(select(func.count()).select_from(StrategyDecisionRow))


def test_a_repeated_key_replays_and_another_request_conflicts(engine):
    """Same key, same request: the first answer, the provider not asked again; another request: IdempotencyConflict."""
    built = Built(engine)
    first = built.strategy.draft_strategy(PROJECT, "k1")
    built.strategy.approve_strategy(CLIENT, "k2")
    assert first == built.strategy.draft_strategy(PROJECT, "k1")  # the answer of the first call, before the approval
    assert 1 == len(built.provider.asked)
    built.strategy.reject_strategy(CLIENT, "no", "k3")
    with pytest.raises(IdempotencyConflict):
        built.strategy.reject_strategy(CLIENT, "other reason", "k3")
    assert 2 == len(built.strategy.get_strategy(CLIENT).decisions)


def test_a_replay_in_a_continued_reproducible_run_goes_on_after_the_ids_its_first_call_saw_drawn(engine):
    """The draft keeps how many seeded ids the run had drawn; replayed in a new process, the sequence skips there."""
    first = seeded_uuid4("journey")
    token = SEEDED.set(first)
    try:
        for _ in range(4):  # the journey's steps before the draft
            first()
        drafted = Built(engine).strategy.draft_strategy(PROJECT, "k1")
        continued = seeded_uuid4("journey")
        SEEDED.set(continued)
        assert drafted == Built(engine).strategy.draft_strategy(PROJECT, "k1")
        assert 4 == continued.drawn
    finally:
        SEEDED.reset(token)


def test_a_repeated_decision_sends_the_same_stamp_under_the_same_key(engine):
    """After a crash between strategy's commit and onboarding's stamp, the repeat completes it; never a second stamp."""
    built = Built(engine)
    built.strategy.draft_strategy(PROJECT, "k1")
    first = built.strategy.approve_strategy(CLIENT, "k2")
    built.clock.move_to(NOW.replace(hour=12))
    assert first == built.strategy.approve_strategy(CLIENT, "k2")
    assert 1 == len(built.onboarding.notes) and 1 == len(built.strategy.get_strategy(CLIENT).decisions)


def test_a_redraft_replaces_the_plan_and_its_answer_lists_no_decision(engine):
    """As legacy's adapter: the draft's answer has no decisions; the strategy keeps those taken."""
    built = Built(engine)
    built.strategy.draft_strategy(PROJECT, "k1")
    built.strategy.approve_strategy(CLIENT, "k2")
    built.provider.answer = ""
    redrafted = built.strategy.draft_strategy(PROJECT, "k3")
    assert ((), StrategyStatus.REJECTED) == (redrafted.decisions, redrafted.status)
    assert 1 == len(built.strategy.get_strategy(CLIENT).decisions)


@pytest.mark.parametrize("call", [
    lambda s: s.get_strategy(CLIENT), lambda s: s.approve_strategy(CLIENT, "k"),
    lambda s: s.reject_strategy(CLIENT, "no", "k"), lambda s: s.render_markdown(CLIENT),
], ids=["get", "approve", "reject", "render"])
def test_an_unknown_strategy_is_not_found_and_nothing_is_stamped(engine, call):
    built = Built(engine)
    with pytest.raises(StrategyNotFound):
        call(built.strategy)
    assert {} == built.onboarding.notes


def test_absorbing_a_legacy_status_applies_once_and_only_at_its_revision(engine):
    """The message is kept in the inbox: handed over twice, applied once; observed before a later change, dropped."""
    built = Built(engine)
    built.strategy.draft_strategy(PROJECT, "k1")
    basis = built.strategy.legacy_view_basis(CLIENT)
    built.strategy.absorb_legacy_view(CLIENT, StrategyStatus.APPROVED, basis.revision)
    built.strategy.absorb_legacy_view(CLIENT, StrategyStatus.APPROVED, basis.revision)
    after = built.strategy.legacy_view_basis(CLIENT)
    assert (StrategyStatus.APPROVED, StrategyStatus.DRAFT, basis.revision + 1) == (
        after.strategy.status, after.previous_status, after.revision)
    built.strategy.absorb_legacy_view(CLIENT, StrategyStatus.REJECTED, basis.revision)  # stale
    assert StrategyStatus.APPROVED == built.strategy.get_strategy(CLIENT).status


def test_strategy_owns_its_tables_and_its_session_may_not_write_the_project_row(engine):
    """The five tables are strategy's; a strategy session writing cam_campaigns is refused before the database."""
    session = module_sessionmaker("strategy", engine)()
    with pytest.raises(OwnershipViolation):
        session.execute(text("UPDATE cam_campaigns SET strategy_status = 'APPROVED'"))
    session.close()
    tables = ("strategy_strategies", "strategy_decisions", "strategy_commands", "strategy_outbox", "strategy_inbox")
    assert ["strategy"] * 5 == [owner_of(t) for t in tables]


def test_the_service_is_a_strategy_port(engine):
    assert isinstance(Built(engine).strategy, StrategyPort)



def test_a_legacy_strategy_is_adopted_once_and_never_over_strategy_s_own(engine):
    """Adopted with the project's brief, name and creation and no decision; adopting again, or over a held strategy, changes nothing."""
    built = Built(engine)
    other = PROJECT.model_copy(update={"client_id": "22222222-2222-4222-8222-222222222222"})
    legacy_document = Built(engine, Provider("")).strategy.draft_strategy(other, "k0").document  # the fallback plan
    built.strategy.adopt_legacy_strategy(CLIENT, legacy_document, StrategyStatus.APPROVED)
    built.strategy.adopt_legacy_strategy(CLIENT, legacy_document, StrategyStatus.DRAFT)
    adopted = built.strategy.get_strategy(CLIENT)
    assert (legacy_document, StrategyStatus.APPROVED, PROJECT.brief, PROJECT.created_at, ()) == (
        adopted.document, adopted.status, adopted.brief, adopted.created_at, adopted.decisions)
    built.strategy.adopt_legacy_strategy(other.client_id, built.strategy.get_strategy(CLIENT).document, StrategyStatus.APPROVED)
    assert StrategyStatus.REJECTED == built.strategy.get_strategy(other.client_id).status
