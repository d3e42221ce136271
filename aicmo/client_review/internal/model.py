"""Client review's domain model: a package, the rounds recorded on it and where each creative stands.

Legacy kept a creative's review state on the creative itself (creative_assets.review_*), so it
spans every package the creative was in; a package holds the rounds recorded since it was sent.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Optional

import attrs

__all__ = ["Change", "CreativeState", "Package", "Round"]


@attrs.frozen
class Change:
    """One change the client asks for."""

    section: str
    change: str
    priority: str


@attrs.frozen
class Round:
    """One piece of feedback recorded on a package."""

    round: int
    decision: str
    status: str
    changes: tuple[Change, ...]
    revision_hours: Optional[Decimal]  # None without changes
    note: str
    recorded_at: datetime


@attrs.frozen
class CreativeState:
    """A creative's last decision, its notes (one per round, one per line) and its change rounds."""

    creative_id: str
    review_status: Optional[str] = None
    review_notes: Optional[str] = None
    review_round: int = 0

    def recorded(self, decision: str, note: str, changes_requested: bool) -> "CreativeState":
        notes = f"{self.review_notes}\n{note}" if self.review_notes else note
        rounds = self.review_round + 1 if changes_requested else self.review_round
        return attrs.evolve(self, review_status=decision, review_notes=notes, review_round=rounds)


@attrs.frozen
class Package:
    """A review package: the creatives that passed QC and the rounds recorded since it was sent."""

    review_id: str
    client_id: str
    creative_set_id: str
    qc_result_id: str
    creative_ids: tuple[str, ...]
    status: str
    rounds: tuple[Round, ...]
    created_at: datetime
