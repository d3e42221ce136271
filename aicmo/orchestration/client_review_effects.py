"""What a client's feedback changes in other modules' records, asked of their owners (spec Q-10).

Legacy's client review wrote two tables it does not own: the decision, notes and change
rounds on production's creative rows, and REJECTED on the project's row after a rejection.
The new client review writes only its own tables; after its commit this wrapper asks
production (the creatives' owner) to record the review on its creatives and, after a
rejection, onboarding (the project's owner) to record it, each with an idempotency key
derived from the review and the feedback's own key: a replayed feedback (the same key, the same answer)
asks again and each owner answers as it first did. It lives at the composition root because
client review may not call onboarding (its dependencies are production and qc).

In legacy's order: the creatives, then the project.
"""
from __future__ import annotations

import hashlib
from typing import Callable

from aicmo.client_review.api import (
    ClientReviewPort,
    Feedback,
    RequestedChange,
    Review,
    ReviewDecision,
    ReviewId,
    ReviewRequest,
    RevisionPlan,
)
from aicmo.orchestration import owner_effects
from aicmo.orchestration.owner_effects import ThroughOwners
from aicmo.orchestration.ports import ModulePorts
from aicmo.production.api import CreativeReviewMark
from aicmo.shared.compensation import Compensation

__all__ = ["ClientReviewThroughOwners", "effect_key"]


def effect_key(review: Review, feedback_key: str, effect: str) -> str:
    """The key of one effect of one feedback: the review and the feedback's own key (digested), so the same
    feedback replayed asks under the same key. Not the round: a package sent again starts its rounds anew."""
    digest = hashlib.sha256(feedback_key.encode()).hexdigest()[:24]
    return owner_effects.effect_key("client_review", review.review_id, digest, effect=effect)


class ClientReviewThroughOwners(ThroughOwners[ClientReviewPort]):
    """A ClientReviewPort whose feedback is also recorded on the creatives and the project, by their owners."""

    def __init__(self, client_review: ClientReviewPort, bundle: Callable[[], ModulePorts]) -> None:
        super().__init__(client_review, bundle)
        self._client_review = client_review

    def open_review(self, request: ReviewRequest, idempotency_key: str) -> Review:
        return self._client_review.open_review(request, idempotency_key)  # legacy wrote nothing else

    def record_feedback(self, review_id: ReviewId, feedback: Feedback, idempotency_key: str) -> Review:
        review = self._client_review.record_feedback(review_id, feedback, idempotency_key)
        ports = self._owners()
        if review.creatives:  # production owns the creatives
            marks = tuple(CreativeReviewMark(creative_id=c.creative_id, review_status=c.review_status.value if c.review_status else None,
                                             review_notes=c.review_notes, review_round=c.review_round)
                          for c in review.creatives)
            ports.production.record_review(review.creative_set_id, marks, effect_key(review, idempotency_key, "creatives"))
        if review.rounds and review.rounds[-1].decision is ReviewDecision.REJECTED:  # onboarding owns the project
            ports.onboarding.record_client_rejection(review.client_id, effect_key(review, idempotency_key, "project"))
        return review

    def plan_revision(self, changes: tuple[RequestedChange, ...]) -> RevisionPlan:
        return self._client_review.plan_revision(changes)

    def simulated_feedback(self, brand_name: str) -> tuple[Feedback, ...]:
        return self._client_review.simulated_feedback(brand_name)

    def get_review(self, review_id: ReviewId) -> Review:
        return self._client_review.get_review(review_id)

    def withdraw_review(self, review_id: ReviewId, idempotency_key: str) -> Compensation:
        # the decisions on the creatives go with production's discard_creatives, owed for the same journey
        return self._client_review.withdraw_review(review_id, idempotency_key)
