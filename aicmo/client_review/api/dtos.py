"""Client review's data at the boundary: packages, feedback, rounds and revision plans (spec §5)."""
from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Optional

from pydantic import AwareDatetime, Field

from aicmo.production.api import CreativeId, CreativeSet, CreativeSetId
from aicmo.qc.api import QcResult, QcResultId
from aicmo.shared.dto import ContractModel, NonEmptyStr
from aicmo.shared.ids import ClientId, EntityId

__all__ = [
    "ChangePriority",
    "CreativeReview",
    "Feedback",
    "RequestedChange",
    "Review",
    "ReviewDecision",
    "ReviewId",
    "ReviewRequest",
    "ReviewRound",
    "ReviewStatus",
    "RevisionPlan",
]


class ReviewId(EntityId):
    """One review package sent to a client."""


class ReviewDecision(str, Enum):
    """The client's answer to a package (L-19)."""

    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"


class ReviewStatus(str, Enum):
    """Where a package stands: sent, the last decision, or escalated after the second change round (L-20)."""

    SENT = "sent"
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"
    ESCALATED = "escalated"
    WITHDRAWN = "withdrawn"
    """The package was withdrawn (withdraw_review, a compensation): its decisions no longer count."""


class ChangePriority(str, Enum):
    """How urgent a requested change is; 1.5, 1.0 and 0.5 hours (L-20)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class RequestedChange(ContractModel):
    """One change the client asks for."""

    section: NonEmptyStr
    """The part to change, e.g. "caption"."""
    change: NonEmptyStr
    """What to change."""
    priority: ChangePriority
    """How urgent."""


class RevisionPlan(ContractModel):
    """The work the requested changes take (L-20)."""

    estimated_hours: Decimal = Field(ge=0, multiple_of=Decimal("0.5"))
    """Hours, rounded up to the next half hour."""
    changes: tuple[RequestedChange, ...]
    """The changes planned."""


class Feedback(ContractModel):
    """The client's answer to a package."""

    decision: ReviewDecision
    """Approved, changes requested or rejected."""
    changes: tuple[RequestedChange, ...] = ()
    """The requested changes; usually with changes_requested."""


class ReviewRequest(ContractModel):
    """What opening a review needs: the creatives and their QC result."""

    client_id: ClientId
    """The client."""
    creative_set: CreativeSet
    """The creatives."""
    qc_result: QcResult
    """The QC evaluation; only creatives that passed go into the package."""


class ReviewRound(ContractModel):
    """One piece of feedback recorded on a package."""

    round: int = Field(ge=0)
    """Change rounds so far, counting this one when it requested changes."""
    decision: ReviewDecision
    """The client's decision."""
    status: ReviewStatus
    """The package status after it."""
    changes: tuple[RequestedChange, ...]
    """The changes requested."""
    revision_plan: Optional[RevisionPlan] = None
    """The plan for the changes; None without changes."""
    note: str
    """The note written on each creative, e.g. "[approved]"."""
    recorded_at: AwareDatetime
    """When."""


class CreativeReview(ContractModel):
    """Where one creative of the package stands in review."""

    creative_id: CreativeId
    """The creative."""
    review_status: Optional[ReviewDecision] = None
    """The last decision on it; None before any feedback."""
    review_notes: Optional[str] = None
    """The notes of every round, one per line; None before any feedback."""
    review_round: int = Field(default=0, ge=0)
    """Change rounds it went through."""


class Review(ContractModel):
    """A review package and everything recorded on it."""

    review_id: ReviewId
    """This package."""
    client_id: ClientId
    """The client."""
    creative_set_id: CreativeSetId
    """The set the creatives come from."""
    qc_result_id: QcResultId
    """The QC evaluation the package was built from."""
    creative_ids: tuple[CreativeId, ...]
    """The creatives that passed QC, in position order."""
    status: ReviewStatus
    """Where the package stands."""
    rounds: tuple[ReviewRound, ...] = ()
    """Feedback recorded, oldest first."""
    creatives: tuple[CreativeReview, ...] = ()
    """Per creative of the package."""
    created_at: AwareDatetime
    """When the package was sent."""
