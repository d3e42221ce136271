"""ClientReviewPort over legacy: build_review_package, record_feedback, revision_hours."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlalchemy.orm import Session

from aicmo.shared.ids import derived_id
from acl._support.creative_rows import creative_rows
from acl._support.idempotency import DurableIdempotency
from acl._support.legacy_session import legacy_session
from acl._support.row_reads import row_by_id
from acl._support.translate import build
from acl.client_review.translation import (
    changes_to_legacy,
    creative_reviews,
    feedback_to_legacy,
    plan_from_legacy,
    qc_to_legacy,
    round_from_legacy,
)
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
from aicmo.production.api import CreativeSetNotFound
from aicmo.shared.compensation import Compensation, CompensationStatus
from backend.db.models import CampaignRow
from backend.services import client_review

__all__ = ["LegacyClientReview"]

MODULE = "client_review"


def _campaign(session: Session, client_id: str) -> CampaignRow:
    row = row_by_id(session, CampaignRow, client_id)
    if row is None:
        raise CreativeSetNotFound(f"no creatives for client {client_id}", client_id=client_id)
    return row


class LegacyClientReview:
    """The client review port, answered by the legacy review service."""

    def __init__(self) -> None:
        self._idempotency = DurableIdempotency(MODULE)
        # legacy keeps the package only in the operator flow's memory; the rows hold the feedback; a
        # review opened by another process is recovered from the idempotency records (get_review)
        self._reviews: dict[str, Review] = {}
        self._withdrawn: set[str] = set()  # legacy has no package to mark: this adapter's own record

    def open_review(self, request: ReviewRequest, idempotency_key: str) -> Review:
        def run() -> Review:
            client_id = str(request.client_id)
            with legacy_session(MODULE) as session:
                campaign = _campaign(session, client_id)
                rows = creative_rows(session, str(request.creative_set.creative_set_id))
                package = client_review.build_review_package(campaign, rows, qc_to_legacy(request.qc_result))
                in_package = set(package["creative_ids"])
                review = build(Review, {
                    "review_id": derived_id(ReviewId, request.qc_result.qc_result_id),
                    "client_id": client_id,
                    "creative_set_id": request.creative_set.creative_set_id,
                    "qc_result_id": request.qc_result.qc_result_id,
                    "creative_ids": package["creative_ids"],
                    "status": package["status"],
                    "creatives": creative_reviews([row for row in rows if row.id in in_package]),
                    "created_at": datetime.now(timezone.utc),
                }, "legacy review package")
            self._reviews[str(review.review_id)] = review
            return review

        return self._idempotency.once("open_review", idempotency_key, request, run)

    def record_feedback(self, review_id: ReviewId, feedback: Feedback, idempotency_key: str) -> Review:
        def run() -> Review:
            review = self.get_review(review_id)
            if review.status is ReviewStatus.WITHDRAWN:
                raise InvalidFeedback(f"review {review_id} was withdrawn: its decisions no longer count")
            decision, changes = feedback_to_legacy(feedback)
            with legacy_session(MODULE) as session:
                campaign = _campaign(session, str(review.client_id))
                wanted = set(map(str, review.creative_ids))
                rows = [row for row in creative_rows(session, str(review.creative_set_id)) if row.id in wanted]
                try:
                    legacy = client_review.record_feedback(session, campaign, rows, decision, changes)
                except client_review.ReviewError as exc:
                    raise InvalidFeedback(str(exc)) from None
                # the note legacy appended to every creative of the package
                note = rows[0].review_notes.split("\n")[-1] if rows else ""
                fields = {name: getattr(review, name) for name in Review.model_fields}
                updated = build(Review, {
                    **fields,
                    "status": legacy["status"],
                    "rounds": review.rounds + (round_from_legacy(legacy, note, datetime.now(timezone.utc)),),
                    "creatives": creative_reviews(rows),
                }, "legacy feedback")
            self._reviews[str(review_id)] = updated
            return updated

        return self._idempotency.once("record_feedback", idempotency_key, (review_id, feedback), run)

    def plan_revision(self, changes: tuple[RequestedChange, ...]) -> RevisionPlan:
        legacy = changes_to_legacy(changes)
        try:
            client_review.validate_changes(legacy)
        except client_review.ReviewError as exc:
            raise InvalidFeedback(str(exc)) from None
        return plan_from_legacy({"estimated_hours": client_review.revision_hours(legacy), "changes": legacy})

    def simulated_feedback(self, brand_name: str) -> tuple[Feedback, ...]:
        approve = Feedback(decision="approved")
        if client_review.simulated_client_requests_changes(brand_name):
            changes = tuple(RequestedChange(**change) for change in client_review.SIMULATED_CHANGES)
            return (Feedback(decision="changes_requested", changes=changes), approve)
        return (approve,)

    def get_review(self, review_id: ReviewId) -> Review:
        wanted = str(review_id)
        if wanted not in self._reviews:
            self._recover(wanted)
        try:
            review = self._reviews[wanted]
        except KeyError:
            raise ReviewNotFound(f"review {review_id} not found", review_id=wanted) from None
        return review.model_copy(update={"status": ReviewStatus.WITHDRAWN}) if self._is_withdrawn(wanted) else review

    def withdraw_review(self, review_id: ReviewId, idempotency_key: str) -> Compensation:
        # Legacy stores no package, only the decisions on production's creative rows: this
        # adapter's own record is what it withdraws; the rows' decisions go with production's
        # discard_creatives, the owner of that table, owed for the same journey.
        def run() -> Compensation:
            target = str(review_id)
            try:
                self.get_review(review_id)
            except ReviewNotFound:
                return Compensation(action="withdraw_review", target_id=target, status=CompensationStatus.NOTHING_TO_COMPENSATE)
            if self._is_withdrawn(target):
                return Compensation(action="withdraw_review", target_id=target, status=CompensationStatus.ALREADY_COMPENSATED)
            self._withdrawn.add(target)
            return Compensation(action="withdraw_review", target_id=target, status=CompensationStatus.COMPENSATED, undone=(target,))

        return self._idempotency.once("withdraw_review", idempotency_key, str(review_id), run)

    def _is_withdrawn(self, review_id: str) -> bool:
        """Withdrawn by this adapter, or by another process (its keyed answers)."""
        if review_id in self._withdrawn:
            return True
        withdrawn = any(isinstance(a, dict) and a.get("target_id") == review_id and a.get("status") == "COMPENSATED"
                        for a in self._idempotency.recorded(("withdraw_review",)))
        if withdrawn:
            self._withdrawn.add(review_id)
        return withdrawn

    def _recover(self, review_id: str) -> None:
        """A review another process opened (a journey resumed after a crash): its latest state, as the keyed
        open_review / record_feedback stored it with their effects."""
        for result in reversed(self._idempotency.recorded(("open_review", "record_feedback"))):
            if isinstance(result, dict) and result.get("review_id") == review_id:
                self._reviews[review_id] = Review.model_validate_json(json.dumps(result))
                return
