"""Client review's public contract: the only thing other modules, the ACL and the orchestration may import.

Raise the major of CONTRACT_VERSION with any breaking change; `aicmo contracts check` enforces it.
"""
from __future__ import annotations

from aicmo.client_review.api.dtos import (
    ChangePriority,
    CreativeReview,
    Feedback,
    RequestedChange,
    Review,
    ReviewDecision,
    ReviewId,
    ReviewRequest,
    ReviewRound,
    ReviewStatus,
    RevisionPlan,
)
from aicmo.client_review.api.errors import (
    InvalidFeedback,
    ReviewNotFound,
)
from aicmo.client_review.api.events import (
    ChangesRequested,
    ReviewApproved,
    ReviewEscalated,
    ReviewOpened,
    ReviewRejected,
)
from aicmo.client_review.api.ports import (
    ClientReviewPort,
)

CONTRACT_VERSION = "1.1.0"

__all__ = [
    "CONTRACT_VERSION",
    "ChangePriority",
    "ChangesRequested",
    "ClientReviewPort",
    "CreativeReview",
    "Feedback",
    "InvalidFeedback",
    "RequestedChange",
    "Review",
    "ReviewApproved",
    "ReviewDecision",
    "ReviewEscalated",
    "ReviewId",
    "ReviewNotFound",
    "ReviewOpened",
    "ReviewRejected",
    "ReviewRequest",
    "ReviewRound",
    "ReviewStatus",
    "RevisionPlan",
]
