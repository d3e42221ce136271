"""Client review's contract errors."""
from __future__ import annotations

from aicmo.shared.errors import NotFound, RuleViolation

__all__ = ["InvalidFeedback", "ReviewNotFound"]


class ReviewNotFound(NotFound):
    """No review package with that id."""

    code = "review_not_found"


class InvalidFeedback(RuleViolation):
    """Feedback the review rules refuse: an unknown decision, or a change missing a part."""

    code = "invalid_feedback"
