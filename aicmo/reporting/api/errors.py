"""Reporting's contract errors."""
from __future__ import annotations

from aicmo.shared.errors import NotFound

__all__ = ["ReportNotFound"]


class ReportNotFound(NotFound):
    """No report with that id."""

    code = "report_not_found"
