"""The client review port, implemented by client review's own rules and tables (the new path of its route)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Optional, TypeVar

import attrs
from pydantic import BaseModel

from aicmo.client_review.api import (
    Feedback,
    InvalidFeedback,
    RequestedChange,
    Review,
    ReviewId,
    ReviewNotFound,
    ReviewRequest,
    ReviewStatus,
    RevisionPlan,
)
from aicmo.client_review.internal import events, rules
from aicmo.client_review.internal.translation import changes_from, creatives_from, package_from, plan_dto, review_dto
from aicmo.client_review.internal.unit_of_work import ClientReviewUnitOfWork
from aicmo.production.api import ProductionPort
from aicmo.shared.clock import Clock
from aicmo.shared.compensation import Compensation, CompensationStatus
from aicmo.shared.ids import derived_id
from aicmo.shared.persistence.conflicts import serialize_on
from aicmo.shared.persistence.idempotency import value_fingerprint
from aicmo.shared.seeded_uuid import ids_drawn

__all__ = ["ClientReviewService"]

A = TypeVar("A", bound=BaseModel)
OPEN, FEEDBACK, WITHDRAW = "open_review", "record_feedback", "withdraw_review"


class ClientReviewService:
    """ClientReviewPort over client review's unit of work; production is asked through its port for the creatives."""

    def __init__(self, unit_of_work: Callable[[], ClientReviewUnitOfWork], clock: Clock, production: ProductionPort) -> None:
        self._unit_of_work, self._clock, self._production = unit_of_work, clock, production

    def open_review(self, request: ReviewRequest, idempotency_key: str) -> Review:
        fingerprint = value_fingerprint(request)
        with self._unit_of_work() as uow:  # a replay asks production nothing
            replay = self._replay(uow, OPEN, idempotency_key, fingerprint, Review)
        if replay is not None:
            return replay
        # production first: no other module's port is called while client review's transaction is open
        produced = self._production.get_creative_set(request.creative_set.creative_set_id)
        passed = {str(c.creative_id) for c in request.qc_result.creatives if c.passed}
        in_package = [str(c.creative_id) for c in produced.creatives if str(c.creative_id) in passed]
        review_id = derived_id(ReviewId, request.qc_result.qc_result_id)  # as the legacy adapter names it
        with self._unit_of_work().for_writing() as uow:
            # two openings of one package at once (other keys) run one after the other: the later one
            # sends it again, as legacy's would, instead of both inserting it
            serialize_on(uow.session, "client_review.package", str(review_id))
            replay = self._replay(uow, OPEN, idempotency_key, fingerprint, Review)
            if replay is not None:
                return replay
            package = rules.package_for(
                review_id=review_id,
                client_id=str(request.client_id),
                creative_set_id=str(request.creative_set.creative_set_id),
                qc_result_id=str(request.qc_result.qc_result_id),
                creative_ids=in_package,
                now=self._clock.now(),
            )
            uow.reviews.save(package)
            review = review_dto(package, uow.reviews.creatives(package.creative_ids))
            uow.answers.record(OPEN, idempotency_key, fingerprint, review.model_dump_json(), ids_drawn(), package.created_at)
            uow.outbox.append(events.opened(package, idempotency_key))
            uow.commit()
        return review

    def record_feedback(self, review_id: ReviewId, feedback: Feedback, idempotency_key: str) -> Review:
        fingerprint = value_fingerprint((review_id, feedback))
        with self._unit_of_work().for_writing() as uow:
            replay = self._replay(uow, FEEDBACK, idempotency_key, fingerprint, Review)
            if replay is not None:
                return replay
            package = uow.reviews.get(str(review_id), for_update=True)
            if package is None:
                raise _not_found(review_id)
            if package.status == ReviewStatus.WITHDRAWN.value:
                raise InvalidFeedback(f"review {review_id} was withdrawn: its decisions no longer count")
            now = self._clock.now()
            package, creatives = rules.record_feedback(package, uow.reviews.creatives(package.creative_ids),
                                                       feedback.decision.value, changes_from(feedback.changes), now)
            uow.reviews.save(package)
            uow.reviews.save_creatives(creatives)
            review = review_dto(package, creatives)
            uow.answers.record(FEEDBACK, idempotency_key, fingerprint, review.model_dump_json(), ids_drawn(), now)
            for event in events.feedback_events(package, idempotency_key):
                uow.outbox.append(event)
            uow.commit()
        return review

    def plan_revision(self, changes: tuple[RequestedChange, ...]) -> RevisionPlan:
        planned = changes_from(changes)
        rules.validate_changes(planned)
        return plan_dto(rules.revision_hours(planned), planned)

    def simulated_feedback(self, brand_name: str) -> tuple[Feedback, ...]:
        approve = Feedback(decision="approved")
        if rules.simulated_client_requests_changes(brand_name):
            changes = tuple(RequestedChange(section=c.section, change=c.change, priority=c.priority)
                            for c in rules.SIMULATED_CHANGES)
            return (Feedback(decision="changes_requested", changes=changes), approve)
        return (approve,)

    def get_review(self, review_id: ReviewId) -> Review:
        with self._unit_of_work() as uow:
            package = uow.reviews.get(str(review_id))
            if package is None:
                raise _not_found(review_id)
            return review_dto(package, uow.reviews.creatives(package.creative_ids))

    def withdraw_review(self, review_id: ReviewId, idempotency_key: str) -> Compensation:
        target = str(review_id)
        fingerprint = value_fingerprint(target)
        with self._unit_of_work().for_writing() as uow:
            replay = self._replay(uow, WITHDRAW, idempotency_key, fingerprint, Compensation)
            if replay is not None:
                return replay
            package = uow.reviews.get(target, for_update=True)
            now = self._clock.now()
            if package is None:  # never opened, or lost in a crash: nothing happened to undo
                result = Compensation(action=WITHDRAW, target_id=target, status=CompensationStatus.NOTHING_TO_COMPENSATE)
            elif package.status == ReviewStatus.WITHDRAWN.value:
                result = Compensation(action=WITHDRAW, target_id=target, status=CompensationStatus.ALREADY_COMPENSATED)
            else:
                uow.reviews.save(attrs.evolve(package, status=ReviewStatus.WITHDRAWN.value))
                result = Compensation(action=WITHDRAW, target_id=target, status=CompensationStatus.COMPENSATED, undone=(target,))
            uow.answers.record(WITHDRAW, idempotency_key, fingerprint, result.model_dump_json(), ids_drawn(), now)
            uow.commit()
        return result

    def adopt_legacy_review(self, review: Review) -> None:
        """Take in a package legacy opened before the route moved (a journey in flight), once, as it stands.

        Each creative's review state is adopted only when client review has none of its own yet:
        what the new path recorded since is newer than anything legacy left.
        """
        with self._unit_of_work().for_writing() as uow:
            if uow.reviews.get(str(review.review_id), for_update=True) is not None:
                return  # adopted already, by this caller or another
            package = package_from(review)
            known = {s.creative_id: s for s in uow.reviews.creatives(package.creative_ids) if s.review_status is not None
                     or s.review_notes is not None or s.review_round}
            uow.reviews.save(package)
            uow.reviews.save_creatives(state for state in creatives_from(review) if state.creative_id not in known)
            uow.commit()

    @staticmethod
    def _replay(uow: ClientReviewUnitOfWork, method: str, idempotency_key: str, fingerprint: str,
                answer: type[A]) -> Optional[A]:
        stored = uow.answers.replay(method, idempotency_key, fingerprint)
        return answer.model_validate_json(stored) if stored is not None else None


def _not_found(review_id: object) -> ReviewNotFound:
    return ReviewNotFound(f"review {review_id} not found", review_id=str(review_id))
