"""Client review's port: open a package, record feedback, plan revisions."""
from __future__ import annotations

from typing import Protocol, runtime_checkable

from aicmo.client_review.api.dtos import (
    Feedback,
    RequestedChange,
    Review,
    ReviewId,
    ReviewRequest,
    RevisionPlan,
)
from aicmo.shared.compensation import Compensation
from aicmo.shared.dto import IdempotencyKey

__all__ = ["ClientReviewPort"]


@runtime_checkable
class ClientReviewPort(Protocol):
    """What other modules and the orchestration may ask of client review."""

    def open_review(self, request: ReviewRequest, idempotency_key: IdempotencyKey) -> Review:
        """Send the client a package of the creatives that passed QC (L-19)."""
        ...

    def record_feedback(self, review_id: ReviewId, feedback: Feedback, idempotency_key: IdempotencyKey) -> Review:
        """Record the client's decision; escalate at the second change round (L-20, Q-10)."""
        ...

    def plan_revision(self, changes: tuple[RequestedChange, ...]) -> RevisionPlan:
        """The hours the changes take, rounded up to the half hour (L-20)."""
        ...

    def simulated_feedback(self, brand_name: str) -> tuple[Feedback, ...]:
        """The demo client's answers in order: a share of brands asks for changes once, then all approve."""
        ...

    def get_review(self, review_id: ReviewId) -> Review:
        """A package; ReviewNotFound when unknown."""
        ...

    def withdraw_review(self, review_id: ReviewId, idempotency_key: IdempotencyKey) -> Compensation:
        """Compensates open_review and record_feedback: the package WITHDRAWN, its decisions no longer count
        (further feedback on it is refused, InvalidFeedback); an unknown review is a no-op.

        The decisions legacy keeps on the creative rows go with production's discard_creatives,
        owed for the same journey by the creatives' production."""
        ...
