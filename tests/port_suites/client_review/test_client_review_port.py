"""ClientReviewPort contract: packages, feedback rounds, escalation, revision plans."""
from __future__ import annotations

from decimal import Decimal

import pytest

from aicmo.client_review.api import (
    Feedback,
    InvalidFeedback,
    RequestedChange,
    ReviewNotFound,
    ReviewRequest,
    ReviewStatus,
)
from aicmo.shared.compensation import CompensationStatus
from tests.port_suites.builders import UNKNOWN, journey

pytestmark = pytest.mark.aicmo_evidence(module="client_review", suite="contract")

CHANGE = RequestedChange(section="caption", change="Shorter", priority="high")


@pytest.fixture
def review(ports):
    outcome = journey(ports)
    request = ReviewRequest(client_id=outcome.project.client_id, creative_set=outcome.creatives, qc_result=outcome.qc_rounds[-1])
    return ports.client_review.open_review(request, "open-again")


def test_open_review_packs_the_creatives_that_passed(ports, review):
    """The package lists the passed creatives and is sent (L-19)."""
    passed = [c.creative_id for c in ports.qc.get_result(review.qc_result_id).creatives if c.passed]
    assert (passed, ReviewStatus.SENT) == (list(review.creative_ids), review.status)


def test_record_feedback_approval_closes_the_round(ports, review):
    """An approval is recorded as a round with the status approved."""
    approved = ports.client_review.record_feedback(review.review_id, Feedback(decision="approved"), "f1")
    assert (ReviewStatus.APPROVED, "[approved]") == (approved.status, approved.rounds[-1].note)


def test_the_second_change_round_escalates(ports, review):
    """A second round of changes_requested is escalated (L-20)."""
    changes = Feedback(decision="changes_requested", changes=(CHANGE,))
    ports.client_review.record_feedback(review.review_id, changes, "f1")
    again = ports.client_review.record_feedback(review.review_id, changes, "f2")
    assert ReviewStatus.ESCALATED == again.status


def test_plan_revision_rounds_up_to_the_half_hour(ports):
    """1.5 h per high, 1 per medium, 0.5 per low, rounded up to the half hour (L-20)."""
    changes = (CHANGE, RequestedChange(section="hook", change="Bolder", priority="medium"))
    assert Decimal("2.5") == ports.client_review.plan_revision(changes).estimated_hours


def test_simulated_feedback_ends_with_an_approval(ports):
    """The demo client always approves in the end."""
    assert "approved" == ports.client_review.simulated_feedback("Any Brand")[-1].decision.value


def test_get_review_reads_back_the_package(ports, review):
    """The package read back equals the opened one."""
    assert review == ports.client_review.get_review(review.review_id)


@pytest.mark.parametrize("call", [
    lambda r: r.get_review(UNKNOWN),
    lambda r: r.record_feedback(UNKNOWN, Feedback(decision="approved"), "k"),
], ids=["get", "record_feedback"])
def test_an_unknown_review_is_not_found(ports, call):
    """ReviewNotFound for an unknown review id."""
    with pytest.raises(ReviewNotFound):
        call(ports.client_review)


def test_withdraw_review_withdraws_the_package_once(ports, review):
    """The compensation: the package WITHDRAWN, once; the same key answers the same, another finds it done."""
    ports.client_review.record_feedback(review.review_id, Feedback(decision="approved"), "f1")
    withdrawn = ports.client_review.withdraw_review(review.review_id, "w1")
    assert (CompensationStatus.COMPENSATED, (str(review.review_id),)) == (withdrawn.status, withdrawn.undone)
    assert ReviewStatus.WITHDRAWN == ports.client_review.get_review(review.review_id).status
    assert withdrawn == ports.client_review.withdraw_review(review.review_id, "w1")
    assert CompensationStatus.ALREADY_COMPENSATED == ports.client_review.withdraw_review(review.review_id, "w2").status


def test_a_withdrawn_package_takes_no_more_feedback(ports, review):
    """Its decisions no longer count: feedback on it is refused and the package stays withdrawn."""
    ports.client_review.withdraw_review(review.review_id, "w1")
    with pytest.raises(InvalidFeedback):
        ports.client_review.record_feedback(review.review_id, Feedback(decision="approved"), "f1")
    assert ReviewStatus.WITHDRAWN == ports.client_review.get_review(review.review_id).status


def test_withdrawing_an_unknown_review_is_a_no_op(ports):
    """Nothing to compensate, not an error."""
    assert CompensationStatus.NOTHING_TO_COMPENSATE == ports.client_review.withdraw_review(UNKNOWN, "w1").status
