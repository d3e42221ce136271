"""The legacy view of client review: with client_review on its new path, packages legacy opened are adopted.

Legacy readers expect the client's decision on the creatives' rows (spec Q-10): delivery's
approval gate and its package read `creative_assets.review_status`, the operator flow's summary
reads `review_status` and `review_notes`; a rejection also set the project row's
`cam_campaigns.project_state` to REJECTED. Those rows are production's and onboarding's, so the
new client review does not write them: after its commit the composition root asks their owners
through their ports (aicmo/orchestration/client_review_effects.py, production's `record_review`
and onboarding's `record_client_rejection`), and each owner's own legacy view writes the columns
legacy readers read. What is left here is reading: a package the legacy path opened before the
route moved (a journey in flight) is taken in by the new path at its first use.
"""
from __future__ import annotations

import json
from typing import Callable, Optional

from sqlalchemy import select

from acl._support.idempotency import DurableIdempotency
from acl._support.legacy_session import legacy_session
from aicmo.client_review.api import (
    ClientReviewPort,
    Feedback,
    RequestedChange,
    Review,
    ReviewId,
    ReviewNotFound,
    ReviewRequest,
    RevisionPlan,
)
from aicmo.shared.compensation import Compensation
from backend.db.models import CreativeAssetRow

__all__ = ["ClientReviewWithLegacyView", "legacy_review"]

MODULE = "client_review"


def legacy_review(review_id: str) -> Optional[Review]:
    """A package the legacy path opened, as it last answered (its keyed records), its creatives as their rows show now.

    None when legacy never opened it. Read from the strangler's records and creative_assets only:
    no legacy code is needed, so this outlives client review's legacy adapter.
    """
    answers = DurableIdempotency(MODULE).recorded(("open_review", "record_feedback"))
    last = next((a for a in reversed(answers) if isinstance(a, dict) and a.get("review_id") == str(review_id)), None)
    if last is None:
        return None
    review = Review.model_validate_json(json.dumps(last))
    assets = CreativeAssetRow.__table__.c
    with legacy_session(MODULE) as session:
        rows = {row.id: row for row in session.execute(
            select(assets.id, assets.review_status, assets.review_notes, assets.review_round)
            .where(assets.id.in_([str(i) for i in review.creative_ids])))}
    creatives = [
        {**c.model_dump(), "review_status": rows[str(c.creative_id)].review_status,
         "review_notes": rows[str(c.creative_id)].review_notes, "review_round": rows[str(c.creative_id)].review_round or 0}
        if str(c.creative_id) in rows else c.model_dump()
        for c in review.creatives
    ]
    return Review.model_validate({**review.model_dump(), "creatives": creatives})


class ClientReviewWithLegacyView:
    """A ClientReviewPort that adopts, at its first use, a package legacy opened before the route moved (`legacy_review`).

    It writes no legacy table: the review's marks on the creatives and the project are recorded
    by their owners (aicmo/orchestration/client_review_effects.py).
    """

    def __init__(self, client_review: ClientReviewPort) -> None:
        self._client_review = client_review

    def _adopting(self, review_id: ReviewId, call: Callable[[], Review]) -> Review:
        """The call; when the new path has no such package but legacy opened it (a journey in flight
        when the route moved), the package is adopted once and the call made again."""
        try:
            return call()
        except ReviewNotFound:
            legacy = legacy_review(str(review_id))
            if legacy is None:
                raise
            self._client_review.adopt_legacy_review(legacy)  # type: ignore[attr-defined]
            return call()

    def open_review(self, request: ReviewRequest, idempotency_key: str) -> Review:
        return self._client_review.open_review(request, idempotency_key)

    def record_feedback(self, review_id: ReviewId, feedback: Feedback, idempotency_key: str) -> Review:
        return self._adopting(review_id, lambda: self._client_review.record_feedback(review_id, feedback, idempotency_key))

    def plan_revision(self, changes: tuple[RequestedChange, ...]) -> RevisionPlan:
        return self._client_review.plan_revision(changes)

    def simulated_feedback(self, brand_name: str) -> tuple[Feedback, ...]:
        return self._client_review.simulated_feedback(brand_name)

    def get_review(self, review_id: ReviewId) -> Review:
        return self._adopting(review_id, lambda: self._client_review.get_review(review_id))

    def withdraw_review(self, review_id: ReviewId, idempotency_key: str) -> Compensation:
        # a package legacy opened is adopted first, so its withdrawal is recorded, not found missing
        if legacy_review(str(review_id)) is not None:
            self._adopting(review_id, lambda: self._client_review.get_review(review_id))
        return self._client_review.withdraw_review(review_id, idempotency_key)
