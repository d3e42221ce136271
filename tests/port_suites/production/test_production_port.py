"""ProductionPort contract: creatives, calendar, rewrites, delivery marks."""
from __future__ import annotations

import pytest

from aicmo.onboarding.api import ClientIntake
from aicmo.production.api import CreativeNotInSet, CreativeReviewMark, CreativeSetNotFound, CreativeStatus
from tests.port_suites.builders import INTAKE, UNKNOWN

pytestmark = pytest.mark.aicmo_evidence(module="production", suite="contract")


def draft(ports, intake=INTAKE):
    return ports.strategy.draft_strategy(ports.onboarding.onboard_client(intake, "k1"), "k2")


@pytest.fixture
def strategy(ports):
    return draft(ports)


@pytest.fixture
def creative_set(ports, strategy):
    return ports.production.produce_creatives(strategy, "k3")


def test_produce_creatives_gives_three_platforms_times_three_pillars(creative_set):
    """Nine DRAFT creatives at revision 0, every platform with every pillar (L-10)."""
    pairs = {(c.platform.value, c.pillar_index) for c in creative_set.creatives}
    assert (9, 9) == (len(creative_set.creatives), len(pairs))
    assert {(CreativeStatus.DRAFT, 0)} == {(c.status, c.revision) for c in creative_set.creatives}


@pytest.mark.parametrize(("pack", "days"), [("quick_social", 30), ("full_funnel", 7)])
def test_build_calendar_length_follows_the_pack(ports, pack, days):
    """30 days for quick_social, 7 otherwise (L-13)."""
    strategy = draft(ports, ClientIntake(brand_name="Acme", pack=pack))
    assert days == len(ports.production.build_calendar(strategy).items)


def test_rewrite_creatives_raises_only_the_chosen_revisions(ports, strategy, creative_set):
    """The chosen creative goes to revision 1, the others stay at 0."""
    chosen = creative_set.creatives[0].creative_id
    rewritten = ports.production.rewrite_creatives(creative_set.creative_set_id, (chosen,), strategy, "k4")
    assert [1] + [0] * 8 == [c.revision for c in rewritten.creatives]


def test_rewrite_creatives_refuses_a_foreign_creative(ports, strategy, creative_set):
    """CreativeNotInSet for an id outside the set."""
    with pytest.raises(CreativeNotInSet):
        ports.production.rewrite_creatives(creative_set.creative_set_id, (UNKNOWN,), strategy, "k4")


def test_mark_delivered_marks_the_chosen_creatives(ports, creative_set):
    """The chosen creatives become DELIVERED."""
    chosen = tuple(c.creative_id for c in creative_set.creatives[:2])
    marked = ports.production.mark_delivered(creative_set.creative_set_id, chosen, "k4")
    assert 2 == sum(c.status is CreativeStatus.DELIVERED for c in marked.creatives)


def _marks(creative_set, status="approved"):
    return tuple(CreativeReviewMark(creative_id=c.creative_id, review_status=status, review_notes=f"[{status}]", review_round=0)
                 for c in creative_set.creatives[:2])


def test_record_review_answers_the_set_and_replays_its_answer(ports, creative_set):
    """The review is recorded on the creatives (their production columns unchanged); the key answers as first."""
    recorded = ports.production.record_review(creative_set.creative_set_id, _marks(creative_set), "k4")
    assert recorded == ports.production.get_creative_set(creative_set.creative_set_id) == creative_set
    assert recorded == ports.production.record_review(creative_set.creative_set_id, _marks(creative_set), "k4")


def test_record_review_of_a_creative_not_in_the_set_records_nothing(ports, creative_set):
    """CreativeNotInSet names the stranger; the set is left as it was."""
    marks = (*_marks(creative_set), CreativeReviewMark(creative_id=UNKNOWN, review_status="approved"))
    with pytest.raises(CreativeNotInSet):
        ports.production.record_review(creative_set.creative_set_id, marks, "k4")
    assert creative_set == ports.production.get_creative_set(creative_set.creative_set_id)


def test_get_creative_set_reads_back_the_set(ports, creative_set):
    """The set read back equals the produced one."""
    assert creative_set == ports.production.get_creative_set(creative_set.creative_set_id)


@pytest.mark.parametrize("call", [
    lambda p, s: p.get_creative_set(UNKNOWN),
    lambda p, s: p.mark_delivered(UNKNOWN, (), "k"),
    lambda p, s: p.rewrite_creatives(UNKNOWN, (), s, "k"),
    lambda p, s: p.record_review(UNKNOWN, (), "k"),
], ids=["get", "mark_delivered", "rewrite", "record_review"])
def test_an_unknown_set_is_not_found(ports, strategy, call):
    """CreativeSetNotFound for an unknown set id."""
    with pytest.raises(CreativeSetNotFound):
        call(ports.production, strategy)
