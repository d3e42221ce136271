"""The new client review over its own tables: packages, rounds, escalation, notes, idempotency, outbox, the guard."""
from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from aicmo.client_review.api import (
    Feedback,
    InvalidFeedback,
    RequestedChange,
    ReviewNotFound,
    ReviewRequest,
    ReviewStatus,
)
from aicmo.client_review.internal import descriptor, rules
from aicmo.client_review.internal.model import Change
from aicmo.client_review.internal.service import ClientReviewService
from aicmo.client_review.internal.tables import ClientReviewCommandRow, ClientReviewPackageRow
from aicmo.client_review.internal.unit_of_work import ClientReviewUnitOfWork
from aicmo.qc.internal.descriptor import build_qc
from aicmo.shared.clock import FixedClock
from aicmo.shared.errors import IdempotencyConflict
from aicmo.shared.persistence.guard import OwnershipViolation
from aicmo.shared.persistence.module_session import module_sessionmaker
from tests.unit.qc.builders import NOW, HeldProduction, creative, creative_set, request

CHANGE = RequestedChange(section="caption", change="Shorter", priority="high")
CHANGES = Feedback(decision="changes_requested", changes=(CHANGE,))
APPROVE = Feedback(decision="approved")
# a banned claim fails creative 1 at QC: the package holds creatives 0 and 2
PRODUCED = creative_set(creative(0), creative(1, caption="Guaranteed results, every single time."), creative(2))


@pytest.fixture
def engine(database):
    """client_review's (and qc's) tables, migrated, on each backend."""
    return database.engine


@pytest.fixture
def review_request(engine) -> ReviewRequest:
    result = build_qc(engine, FixedClock(NOW), {"production": HeldProduction(PRODUCED)}).evaluate_creative_set(request(PRODUCED), "qc")
    return ReviewRequest(client_id=PRODUCED.client_id, creative_set=PRODUCED, qc_result=result)


def build(engine, production=HeldProduction(PRODUCED)):
    return descriptor.build_client_review(engine, FixedClock(NOW), {"production": production, "qc": None})


def events(engine) -> list[tuple[str, dict]]:
    with ClientReviewUnitOfWork(module_sessionmaker("client_review", engine)) as uow:
        return [(row.event_type, json.loads(row.payload)) for row in uow.outbox.pending()]


def count(engine, row) -> int:
    with ClientReviewUnitOfWork(module_sessionmaker("client_review", engine)) as uow:
        return uow.session.scalar(select(func.count()).select_from(row))


def test_a_package_holds_the_creatives_that_passed_in_position_order(engine, review_request):
    """L-19: the creatives QC passed, in production's order; sent, with no round and no decision yet."""
    review = build(engine).open_review(review_request, "open")
    ids = [c.creative_id for c in PRODUCED.creatives]
    assert ((ids[0], ids[2]), ReviewStatus.SENT, ()) == (review.creative_ids, review.status, review.rounds)
    assert [(None, None, 0)] * 2 == [(c.review_status, c.review_notes, c.review_round) for c in review.creatives]
    assert review == build(engine).get_review(review.review_id)  # read back by another instance
    assert [("ReviewOpened", str(review.review_id))] == [(kind, p["review_id"]) for kind, p in events(engine)]


def test_changes_twice_escalate_and_notes_pile_up_one_per_line(engine, review_request):
    """L-20: each change round counts on every creative; the second escalates; then an approval closes it."""
    port = build(engine)
    review = port.open_review(review_request, "open")
    first = port.record_feedback(review.review_id, CHANGES, "f1")
    second = port.record_feedback(review.review_id, CHANGES, "f2")
    last = port.record_feedback(review.review_id, APPROVE, "f3")
    note = "[changes_requested] caption: Shorter (high);"
    assert ([ReviewStatus.CHANGES_REQUESTED, ReviewStatus.ESCALATED, ReviewStatus.APPROVED], [1, 2, 2]) == (
        [first.status, second.status, last.status], [r.round for r in last.rounds])
    assert Decimal("1.5") == first.rounds[0].revision_plan.estimated_hours and last.rounds[-1].revision_plan is None
    assert {("approved", f"{note}\n{note}\n[approved]", 2)} == {
        (c.review_status.value, c.review_notes, c.review_round) for c in last.creatives}
    assert ["ReviewOpened", "ChangesRequested", "ChangesRequested", "ReviewEscalated", "ReviewApproved"] == [
        kind for kind, _ in events(engine)]


def test_a_rejection_is_recorded_and_raises_review_rejected(engine, review_request):
    """A rejection closes the package as rejected (the project's REJECTED is the legacy view's, Q-10)."""
    port = build(engine)
    review = port.open_review(review_request, "open")
    rejected = port.record_feedback(review.review_id, Feedback(decision="rejected"), "no")
    assert (ReviewStatus.REJECTED, "[rejected]") == (rejected.status, rejected.rounds[-1].note)
    assert "ReviewRejected" == events(engine)[-1][0]


def test_a_package_sent_again_starts_afresh_but_the_creatives_keep_their_history(engine, review_request):
    """As legacy: the creatives' notes live on the creatives, the rounds on the package sent."""
    port = build(engine)
    review = port.open_review(review_request, "open")
    port.record_feedback(review.review_id, APPROVE, "f1")
    again = port.open_review(review_request, "open-again")
    assert (ReviewStatus.SENT, (), "[approved]") == (again.status, again.rounds, again.creatives[0].review_notes)
    assert "[approved]\n[approved]" == port.record_feedback(review.review_id, APPROVE, "f2").creatives[0].review_notes


def test_a_key_replays_its_first_answer_and_refuses_another_request(engine, review_request):
    """The same key and request answer as the first call did, and change nothing; another request conflicts."""
    port = build(engine)
    review = port.open_review(review_request, "open")
    first = port.record_feedback(review.review_id, CHANGES, "f1")
    assert first == port.record_feedback(review.review_id, CHANGES, "f1")
    assert 1 == len(port.get_review(review.review_id).rounds)
    with pytest.raises(IdempotencyConflict):
        port.record_feedback(review.review_id, APPROVE, "f1")
    with pytest.raises(IdempotencyConflict):
        port.open_review(review_request.model_copy(update={"client_id": PRODUCED.strategy_id}), "open")
    assert 2 == count(engine, ClientReviewCommandRow)


def test_an_unknown_review_is_not_found_and_nothing_is_written(engine):
    with pytest.raises(ReviewNotFound):
        build(engine).record_feedback("33333333-3333-4333-8333-333333333333", APPROVE, "k")
    assert (0, 0, []) == (count(engine, ClientReviewCommandRow), count(engine, ClientReviewPackageRow), events(engine))


def test_an_unknown_creative_set_is_production_s_error_and_nothing_is_written(engine, review_request):
    from aicmo.production.api import CreativeSetNotFound

    with pytest.raises(CreativeSetNotFound):
        build(engine, HeldProduction()).open_review(review_request, "open")
    assert (0, 0) == (count(engine, ClientReviewCommandRow), count(engine, ClientReviewPackageRow))


@pytest.mark.parametrize(("priorities", "hours"), [
    ((), "0.0"), (("low",), "0.5"), (("medium",), "1.0"), (("high",), "1.5"), (("high", "medium"), "2.5"),
    (("medium", "medium", "medium"), "3.0"), (("low", "low", "low"), "1.5"), (("high", "high", "low"), "3.5"),
])
def test_revision_hours_are_written_as_legacy_printed_them(priorities, hours):
    """L-20 grid: 1.5 / 1.0 / 0.5 per change, up to the half hour, one decimal place ("3.0", never "3")."""
    planned = build_plan(tuple(RequestedChange(section="s", change="c", priority=p) for p in priorities))
    assert hours == str(planned.estimated_hours)
    assert f'"estimated_hours":"{hours}"' in planned.model_dump_json()


def build_plan(changes):
    return ClientReviewService(lambda: None, FixedClock(NOW), HeldProduction()).plan_revision(changes)


@pytest.mark.parametrize(("change", "message"), [
    (Change("", "c", "high"), "requested change 0: 'section' is missing"),
    (Change("s", "", "high"), "requested change 0: 'change' is missing"),
    (Change("s", "c", "urgent"), "requested change 0: priority 'urgent' is not one of ('high', 'medium', 'low')"),
])
def test_bad_changes_are_refused_in_legacy_s_words(change, message):
    with pytest.raises(InvalidFeedback, match=re.escape(message)):
        rules.validate_changes((change,))


def test_an_unknown_decision_is_refused_before_anything_changes():
    package = rules.package_for("r", "c", "s", "q", ("a",), NOW)
    with pytest.raises(InvalidFeedback, match="decision 'maybe' is not one of"):
        rules.record_feedback(package, (), "maybe", (), NOW)


@pytest.mark.parametrize(("share", "asks"), [("0", False), ("100", True)])
def test_the_simulated_client_asks_for_changes_by_the_configured_share(monkeypatch, share, asks):
    monkeypatch.setenv(rules.CHANGE_SHARE_VARIABLE, share)
    answers = ClientReviewService(lambda: None, FixedClock(NOW), HeldProduction()).simulated_feedback("Any Brand")
    assert (asks, "approved") == (len(answers) == 2, answers[-1].decision.value)


def test_the_guarded_session_refuses_legacy_tables(engine):
    """client_review's session writes its own tables only: creative_assets is production's."""
    with ClientReviewUnitOfWork(module_sessionmaker("client_review", engine)) as uow:
        with pytest.raises(OwnershipViolation):
            uow.session.execute(text("UPDATE creative_assets SET review_status = 'approved'"))


def test_openings_of_one_package_at_once_each_answer_and_leave_one_package(database, review_request, tmp_path):
    """Four callers open the same package under keys of their own at once: none fails, one package stands,
    every key keeps its answer (the openings run one after the other, as legacy's in-memory ones did).

    On SQLite a file, as a deployment has: an in-memory database shares one cache between threads.
    """
    import threading

    from aicmo.orchestration.bootstrap import prepare_database

    engine = prepare_database(f"sqlite:///{tmp_path / 'review.db'}", upgrade=True) if database.url.startswith("sqlite") \
        else database.engine

    barrier, answers, errors = threading.Barrier(4), [], []

    def open_one(number: int) -> None:
        try:
            port = build(engine)
            barrier.wait(timeout=30)
            answers.append(port.open_review(review_request, f"open-{number}"))
        except BaseException as exc:  # noqa: B036 - asserted empty below, and shown
            errors.append(exc)

    threads = [threading.Thread(target=open_one, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert ([], 4) == (errors, len(answers))
    assert (1, 4) == (count(engine, ClientReviewPackageRow), count(engine, ClientReviewCommandRow))
