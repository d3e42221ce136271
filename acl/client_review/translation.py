"""Client review translation: legacy package, feedback round and rows <-> review DTOs."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Sequence

from acl._support.translate import build, legacy_value
from aicmo.client_review.api import (
    CreativeReview,
    Feedback,
    RequestedChange,
    ReviewRound,
    RevisionPlan,
)
from aicmo.qc.api import QcResult
from backend.db.models import CreativeAssetRow

__all__ = ["changes_to_legacy", "creative_reviews", "plan_from_legacy", "qc_to_legacy", "round_from_legacy"]


def qc_to_legacy(result: QcResult) -> dict[str, Any]:
    """The QC result as build_review_package reads it: which creatives passed."""
    return {"creatives": [{"creative_id": str(c.creative_id), "passed": c.passed} for c in result.creatives]}


def changes_to_legacy(changes: Sequence[RequestedChange]) -> list[dict[str, str]]:
    return [legacy_value(change) for change in changes]


def plan_from_legacy(plan: dict[str, Any]) -> RevisionPlan:
    return build(
        RevisionPlan,
        {"estimated_hours": Decimal(str(plan["estimated_hours"])), "changes": plan["changes"]},
        "legacy revision plan",
    )


def round_from_legacy(legacy: dict[str, Any], note: str, recorded_at: datetime) -> ReviewRound:
    data = {key: legacy[key] for key in ("round", "decision", "status", "changes")}
    if "revision_plan" in legacy:
        data["revision_plan"] = plan_from_legacy(legacy["revision_plan"])
    return build(ReviewRound, {**data, "note": note, "recorded_at": recorded_at}, "legacy feedback round")


def creative_reviews(rows: Sequence[CreativeAssetRow]) -> tuple[CreativeReview, ...]:
    return tuple(
        build(
            CreativeReview,
            {"creative_id": row.id, "review_status": row.review_status, "review_notes": row.review_notes, "review_round": row.review_round or 0},
            f"creative_assets {row.id}",
        )
        for row in rows
    )


def feedback_to_legacy(feedback: Feedback) -> tuple[str, list[dict[str, str]]]:
    return feedback.decision.value, changes_to_legacy(feedback.changes)
