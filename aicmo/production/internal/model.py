"""Production's domain model: a creative as stored, and a set of them."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

import attrs

__all__ = ["CreativeRecord", "CreativeSetRecord"]


@attrs.frozen
class CreativeRecord:
    """One creative with its production columns and its status history (for the legacy view)."""

    creative_id: str
    ordinal: int
    position: int
    platform: str
    format: str
    pillar_index: int
    pillar_name: str
    hook: str
    caption: str
    cta: str
    tone: str
    status: str
    revision: int
    created_at: datetime
    status_before: Optional[str] = None
    status_changes: int = 0
    # the client's review, recorded by client review through record_review
    review_status: Optional[str] = None
    review_notes: Optional[str] = None
    review_round: int = 0

    def with_status(self, status: str) -> "CreativeRecord":
        """The creative moved to ``status``; the same status again is no change."""
        if status == self.status:
            return self
        return attrs.evolve(self, status=status, status_before=self.status, status_changes=self.status_changes + 1)

    def reviewed(self, status: Optional[str], notes: Optional[str], round_: int) -> "CreativeRecord":
        return attrs.evolve(self, review_status=status, review_notes=notes, review_round=round_)

    def rewritten(self, caption: str) -> "CreativeRecord":
        return attrs.evolve(self, caption=caption, revision=self.revision + 1)


@attrs.frozen
class CreativeSetRecord:
    """A client's creatives, in position order (then production order), with the brand they speak for."""

    creative_set_id: str
    client_id: str
    strategy_id: str
    brand_name: str
    creatives: tuple[CreativeRecord, ...]

    def unknown(self, creative_ids: tuple[str, ...]) -> list[str]:
        """The ids that are not in this set, sorted (as legacy reports them)."""
        return sorted(set(creative_ids) - {c.creative_id for c in self.creatives})
