"""Production's port: produce, rewrite and deliver creatives; build the calendar."""
from __future__ import annotations

from typing import Protocol, runtime_checkable

from aicmo.production.api.dtos import (
    ContentCalendar,
    CreativeId,
    CreativeReviewMark,
    CreativeSet,
    CreativeSetId,
)
from aicmo.shared.compensation import Compensation
from aicmo.shared.dto import IdempotencyKey
from aicmo.strategy.api import Strategy

__all__ = ["ProductionPort"]


@runtime_checkable
class ProductionPort(Protocol):
    """What other modules and the orchestration may ask of production."""

    def produce_creatives(self, strategy: Strategy, idempotency_key: IdempotencyKey) -> CreativeSet:
        """Nine creatives, three platforms times three pillars (L-10..L-12, Q-05)."""
        ...

    def build_calendar(self, strategy: Strategy) -> ContentCalendar:
        """The content calendar for the strategy's pack (L-13, Q-06); nothing is stored."""
        ...

    def rewrite_creatives(
        self,
        creative_set_id: CreativeSetId,
        creative_ids: tuple[CreativeId, ...],
        strategy: Strategy,
        idempotency_key: IdempotencyKey,
    ) -> CreativeSet:
        """Ask the provider once more for the captions of these creatives; revision + 1 (L-18b)."""
        ...

    def mark_delivered(
        self, creative_set_id: CreativeSetId, creative_ids: tuple[CreativeId, ...], idempotency_key: IdempotencyKey
    ) -> CreativeSet:
        """Record that these creatives were delivered to the client."""
        ...

    def record_review(
        self, creative_set_id: CreativeSetId, reviews: tuple[CreativeReviewMark, ...], idempotency_key: IdempotencyKey
    ) -> CreativeSet:
        """Record the client's review decision, notes and change rounds on these creatives of the set (Q-10);
        CreativeNotInSet for a creative the set does not hold."""
        ...

    def get_creative_set(self, creative_set_id: CreativeSetId) -> CreativeSet:
        """The set as it stands; CreativeSetNotFound when unknown."""
        ...

    def discard_creatives(self, creative_set_id: CreativeSetId, idempotency_key: IdempotencyKey) -> Compensation:
        """Compensates produce_creatives and rewrite_creatives: every creative of the set DISCARDED.

        Legacy keeps the QC scores and the review decisions on these rows too, so this also
        withdraws what qc (on legacy) and client_review wrote there; an unknown set is a no-op.
        """
        ...
