"""Client review's domain objects as the contract DTOs of aicmo.client_review.api, and back."""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from aicmo.client_review.api import (
    CreativeReview,
    RequestedChange,
    Review,
    ReviewRound,
    RevisionPlan,
)
from aicmo.client_review.internal.model import Change, CreativeState, Package, Round

__all__ = ["changes_from", "creatives_from", "package_from", "plan_dto", "review_dto"]


def changes_from(changes: Sequence[RequestedChange]) -> tuple[Change, ...]:
    return tuple(Change(section=c.section, change=c.change, priority=c.priority.value) for c in changes)


def _change_dto(change: Change) -> RequestedChange:
    return RequestedChange(section=change.section, change=change.change, priority=change.priority)


def plan_dto(hours: Decimal, changes: Sequence[Change]) -> RevisionPlan:
    return RevisionPlan(estimated_hours=hours, changes=tuple(_change_dto(c) for c in changes))


def _round_dto(r: Round) -> ReviewRound:
    plan = plan_dto(r.revision_hours, r.changes) if r.revision_hours is not None else None
    return ReviewRound(round=r.round, decision=r.decision, status=r.status,
                       changes=tuple(_change_dto(c) for c in r.changes), revision_plan=plan, note=r.note,
                       recorded_at=r.recorded_at)


def _creative_dto(state: CreativeState) -> CreativeReview:
    return CreativeReview(creative_id=state.creative_id, review_status=state.review_status,
                          review_notes=state.review_notes, review_round=state.review_round)


def review_dto(package: Package, creatives: Sequence[CreativeState]) -> Review:
    return Review(
        review_id=package.review_id,
        client_id=package.client_id,
        creative_set_id=package.creative_set_id,
        qc_result_id=package.qc_result_id,
        creative_ids=package.creative_ids,
        status=package.status,
        rounds=tuple(_round_dto(r) for r in package.rounds),
        creatives=tuple(_creative_dto(s) for s in creatives),
        created_at=package.created_at,
    )


def package_from(review: Review) -> Package:
    """A package as another path left it (the DTO of its last answer)."""
    rounds = tuple(Round(round=r.round, decision=r.decision.value, status=r.status.value, changes=changes_from(r.changes),
                         revision_hours=r.revision_plan.estimated_hours if r.revision_plan is not None else None,
                         note=r.note, recorded_at=r.recorded_at) for r in review.rounds)
    return Package(review_id=str(review.review_id), client_id=str(review.client_id),
                   creative_set_id=str(review.creative_set_id), qc_result_id=str(review.qc_result_id),
                   creative_ids=tuple(map(str, review.creative_ids)), status=review.status.value, rounds=rounds,
                   created_at=review.created_at)


def creatives_from(review: Review) -> tuple[CreativeState, ...]:
    return tuple(CreativeState(creative_id=str(c.creative_id), review_status=c.review_status.value if c.review_status else None,
                               review_notes=c.review_notes, review_round=c.review_round) for c in review.creatives)
