"""The new production over its own tables: ids, idempotency, the provider, events, absorbed legacy writes, the guard."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from aicmo.orchestration import bootstrap
from aicmo.production.api import CreativeReviewMark, CreativeStatus
from aicmo.production.internal import descriptor
from aicmo.production.internal.legacy_writes import LegacyStatusWrite
from aicmo.production.internal.unit_of_work import ProductionUnitOfWork
from aicmo.shared.clock import FixedClock
from aicmo.shared.compensation import CompensationStatus
from aicmo.shared.errors import IdempotencyConflict
from aicmo.shared.persistence.guard import OwnershipViolation
from aicmo.shared.persistence.module_session import module_sessionmaker
from aicmo.shared.persistence.ownership import owner_of
from aicmo.shared.text_generation import TEXT_GENERATOR
from tests.port_suites.builders import INTAKE, NOW


class Recording:
    """A text generator answering a long caption per call, recording what it was asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str, dict]] = []

    def complete(self, task, prompt, context):
        self.asked.append((task, prompt, dict(context)))
        return f"{task} answer number {len(self.asked)} for the brand"


@pytest.fixture
def strategy(legacy_database, seeded_ids):
    """A strategy drafted through the legacy ports (onboarding and strategy stay on legacy here)."""
    ports = bootstrap.legacy_ports()
    return ports.strategy.draft_strategy(ports.onboarding.onboard_client(INTAKE, "k1"), "k2")


@pytest.fixture
def text_generator():
    return Recording()


@pytest.fixture
def production(database, text_generator):
    return descriptor.build_production(database.engine, FixedClock(NOW), {TEXT_GENERATOR: text_generator})


def events(database) -> list[tuple[str, dict]]:
    with ProductionUnitOfWork(module_sessionmaker("production", database.engine)) as uow:
        return [(row.event_type, json.loads(row.payload)) for row in uow.outbox.pending()]


def test_nine_creatives_take_exactly_nine_uuid4_draws_in_position_order(production, strategy, seeded_ids, database):
    """One uuid4 per creative, as legacy mints them, and nothing else drawn; CreativesProduced names them."""
    drawn = len(seeded_ids.issued)
    produced = production.produce_creatives(strategy, "p1")
    assert seeded_ids.issued[drawn:] == [str(c.creative_id) for c in produced.creatives]
    assert (list(range(9)), str(strategy.client_id)) == ([c.position for c in produced.creatives], str(produced.creative_set_id))
    (kind, payload), = events(database)
    assert ("CreativesProduced", [str(c.creative_id) for c in produced.creatives]) == (kind, payload["creative_ids"])


def test_the_provider_is_asked_for_every_caption_with_legacy_s_prompt(production, strategy, text_generator):
    """Nine "caption" requests in position order; the first as legacy words it."""
    produced = production.produce_creatives(strategy, "p1")
    assert ["caption"] * 9 == [task for task, _, _ in text_generator.asked]
    first = produced.creatives[0]
    assert f"Write a friendly Instagram caption about '{first.pillar_name}' ending with 'Learn more'." == text_generator.asked[0][1]
    assert [c.caption for c in produced.creatives] == [f"caption answer number {n} for the brand" for n in range(1, 10)]


def test_a_replayed_key_answers_the_same_without_asking_or_drawing(production, strategy, text_generator, seeded_ids):
    """The same key and strategy: the first answer, no provider call, no id drawn; another strategy: a conflict."""
    first = production.produce_creatives(strategy, "p1")
    asked, drawn = len(text_generator.asked), len(seeded_ids.issued)
    assert first == production.produce_creatives(strategy, "p1")
    assert (asked, drawn) == (len(text_generator.asked), len(seeded_ids.issued))
    other = strategy.model_copy(update={"strategy_id": "00000000-0000-4000-8000-000000000001"})
    with pytest.raises(IdempotencyConflict):
        production.produce_creatives(other, "p1")


def test_a_rewrite_shows_the_provider_the_current_caption_and_raises_the_revision(production, strategy, text_generator, database):
    """"rewrite" asked with the creative's caption; revision 1; CreativesRewritten names it."""
    produced = production.produce_creatives(strategy, "p1")
    chosen = produced.creatives[4]
    rewritten = production.rewrite_creatives(produced.creative_set_id, (chosen.creative_id,), strategy, "r1")
    task, prompt, context = text_generator.asked[-1]
    assert ("rewrite", chosen.caption) == (task, context["caption"])
    assert prompt == f"Rewrite this {chosen.platform.value} caption without clichés or claims: {chosen.caption}"
    assert [1 if c.creative_id == chosen.creative_id else 0 for c in produced.creatives] == [c.revision for c in rewritten.creatives]
    assert ("CreativesRewritten", [str(chosen.creative_id)]) == (events(database)[-1][0], events(database)[-1][1]["creative_ids"])


def test_mark_delivered_and_discard_answer_and_replay_as_legacy(production, strategy, database):
    """DELIVERED on the chosen creatives (CreativesDelivered); discard once, then ALREADY_COMPENSATED."""
    produced = production.produce_creatives(strategy, "p1")
    chosen = (produced.creatives[0].creative_id,)
    marked = production.mark_delivered(produced.creative_set_id, chosen, "d1")
    assert [CreativeStatus.DELIVERED] + [CreativeStatus.DRAFT] * 8 == [c.status for c in marked.creatives]
    assert "CreativesDelivered" == events(database)[-1][0]
    first = production.discard_creatives(produced.creative_set_id, "x1")
    assert (first, CompensationStatus.ALREADY_COMPENSATED) == (production.discard_creatives(produced.creative_set_id, "x1"),
                                                              production.discard_creatives(produced.creative_set_id, "x2").status)


def test_record_review_is_kept_in_production_s_own_rows_and_replays(production, strategy, database):
    """The review lands on the review columns of production's own rows for the creatives named, the others untouched; the same key
    answers as first and changes nothing, another request under it is a conflict."""
    produced = production.produce_creatives(strategy, "p1")
    chosen = produced.creatives[1].creative_id
    mark = CreativeReviewMark(creative_id=chosen, review_status="changes_requested", review_notes="[changes_requested]",
                              review_round=1)
    answered = production.record_review(produced.creative_set_id, (mark,), "r1")
    assert answered == production.record_review(produced.creative_set_id, (mark,), "r1")
    with pytest.raises(IdempotencyConflict):
        production.record_review(produced.creative_set_id, (mark.model_copy(update={"review_round": 2}),), "r1")
    with ProductionUnitOfWork(module_sessionmaker("production", database.engine)) as uow:
        stored = uow.sets.get(str(produced.creative_set_id))
    reviewed = {c.creative_id: (c.review_status, c.review_notes, c.review_round) for c in stored.creatives if c.review_round}
    assert {str(chosen): ("changes_requested", "[changes_requested]", 1)} == reviewed
    assert 8 == sum((c.review_status, c.review_notes, c.review_round) == (None, None, 0) for c in stored.creatives)


def test_a_legacy_write_is_absorbed_once(production, strategy, database):
    """The same write handed over twice is applied once (the inbox); one seen before a later change is stale."""
    produced = production.produce_creatives(strategy, "p1")
    set_id, target = produced.creative_set_id, str(produced.creatives[2].creative_id)
    write = LegacyStatusWrite(target, CreativeStatus.DELIVERED.value, 0)
    production.absorb_legacy_writes(set_id, [write])
    production.absorb_legacy_writes(set_id, [write])
    state = production.view_state(set_id)
    absorbed = next(c for c in state.creatives if c.creative_id == target)
    assert ("DELIVERED", "DRAFT", 1) == (absorbed.status, absorbed.status_before, absorbed.status_changes)
    assert 1 == [kind for kind, _ in events(database)].count("CreativesDelivered")
    production.absorb_legacy_writes(set_id, [LegacyStatusWrite(target, CreativeStatus.DISCARDED.value, 0)])  # stale
    assert "DELIVERED" == next(c.status for c in production.view_state(set_id).creatives if c.creative_id == target)


def test_production_owns_its_tables_and_its_session_may_not_write_another_module_s(database):
    """The five tables are production's; a production session writing qc's table is refused before the database.

    (creative_assets is registered to production too: that its new implementation leaves it to the
    legacy-view sync is shown by tests/unit/acl/test_production_legacy_view_sync.py.)
    """
    tables = ("production_creative_sets", "production_creatives", "production_commands", "production_outbox", "production_inbox")
    assert ["production"] * 5 == [owner_of(t) for t in tables]
    with ProductionUnitOfWork(module_sessionmaker("production", database.engine)) as uow:
        with pytest.raises(OwnershipViolation):
            uow.session.execute(text("UPDATE qc_results SET verdict = 'QC_APPROVED'"))


def test_the_descriptor_declares_what_it_explains():
    """Each name explain gives is declared with its reason; a diff outside them stays unexplained."""
    explain = descriptor.DESCRIPTOR.explain
    assert "brand_from_the_strategy" == explain([{"path": "brand_name"}])
    assert "calendar_on_utc_date" == explain([{"path": "items[0].date"}, {"path": "text"}, {"path": "csv"}])
    assert explain([{"path": "items[0].hook"}]) is None
    assert {"brand_from_the_strategy", "calendar_on_utc_date"} == set(descriptor.DESCRIPTOR.divergences)
    assert frozenset({"build_calendar"}) == descriptor.DESCRIPTOR.shadowed
