"""The legacy view of client review: with client_review on its new path, keep creative_assets.review_* and REJECTED.

Legacy readers expect the client's decision on the creatives' rows (spec Q-10): delivery's
approval gate and its package read `creative_assets.review_status`, the operator flow's summary
reads `review_status` and `review_notes`. A rejection also set the project row's
`cam_campaigns.project_state` to REJECTED (Q-10, not a canonical state). The new client review
keeps all of it in its own tables, so this sync writes those columns from the Review DTO,
through the legacy session, exactly as `backend.services.client_review.record_feedback` did.

REJECTED is the project's state, and the project is onboarding's; but client_review may not
call onboarding (its dependencies are production and qc, [tool.aicmo.modules]) and onboarding's
machine has no move to REJECTED. So the value reaches onboarding as the frozen legacy writer's
always did: written on the project row here, taken in by onboarding's legacy view before its
next call (`absorb_legacy_write`) when onboarding is on its new path. It is the one place where
client review writes other modules' tables, isolated in the ACL until the last legacy reader
of those columns is deleted.
"""
from __future__ import annotations

import json
from typing import Callable, Optional

from sqlalchemy import bindparam, or_, select, update

from acl._support.idempotency import DurableIdempotency
from acl._support.legacy_session import legacy_session
from aicmo.client_review.api import (
    ClientReviewPort,
    Feedback,
    RequestedChange,
    Review,
    ReviewDecision,
    ReviewId,
    ReviewNotFound,
    ReviewRequest,
    RevisionPlan,
)
from backend.db.models import CampaignRow, CreativeAssetRow

__all__ = ["ClientReviewWithLegacyView", "legacy_review", "sync_legacy_view"]

MODULE = "client_review"
REJECTED = "REJECTED"  # what legacy wrote on the project row at a rejection


def sync_legacy_view(review: Review) -> None:
    """Write each creative's decision, notes and change rounds; REJECTED on the project row after a rejection."""
    values = [{"row_id": str(c.creative_id), "new_status": c.review_status.value if c.review_status else None,
               "new_notes": c.review_notes, "new_round": c.review_round} for c in review.creatives]
    rejected = bool(review.rounds) and review.rounds[-1].decision is ReviewDecision.REJECTED
    if not values and not rejected:
        return
    assets = CreativeAssetRow.__table__.c
    status, notes, rounds = bindparam("new_status"), bindparam("new_notes"), bindparam("new_round")
    with legacy_session(MODULE) as session:
        if values:
            # one UPDATE per creative, sent as one batch; a row already holding the values is left alone,
            # and a creative with no legacy row has no legacy reader either: its UPDATE matches nothing
            session.execute(
                update(CreativeAssetRow.__table__)
                .where(assets.id == bindparam("row_id"))
                .where(or_(assets.review_status.is_distinct_from(status), assets.review_notes.is_distinct_from(notes),
                           assets.review_round.is_distinct_from(rounds)))
                .values(review_status=status, review_notes=notes, review_round=rounds),
                values,
            )
        if rejected:
            campaigns = CampaignRow.__table__.c
            session.execute(update(CampaignRow.__table__)
                            .where(campaigns.id == str(review.client_id), campaigns.project_state.is_distinct_from(REJECTED))
                            .values(project_state=REJECTED))


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
    """A ClientReviewPort that keeps the legacy view in sync after each feedback recorded by the port it wraps.

    The sync runs after client review's own transaction committed and only writes the result's
    values, so running it again (a replayed key, a repair from get_review) is safe. Opening a
    package writes nothing legacy would have written. A package legacy opened before the route
    moved is adopted by the new path at its first use (`legacy_review`).
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
        review = self._adopting(review_id, lambda: self._client_review.record_feedback(review_id, feedback, idempotency_key))
        sync_legacy_view(review)
        return review

    def plan_revision(self, changes: tuple[RequestedChange, ...]) -> RevisionPlan:
        return self._client_review.plan_revision(changes)

    def simulated_feedback(self, brand_name: str) -> tuple[Feedback, ...]:
        return self._client_review.simulated_feedback(brand_name)

    def get_review(self, review_id: ReviewId) -> Review:
        return self._adopting(review_id, lambda: self._client_review.get_review(review_id))
