"""Retention's contract errors."""
from __future__ import annotations

from aicmo.shared.errors import NotFound

__all__ = ["AssessmentNotFound"]


class AssessmentNotFound(NotFound):
    """No assessment with that id, or the client was never assessed."""

    code = "assessment_not_found"
