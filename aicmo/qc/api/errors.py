"""QC's contract errors."""
from __future__ import annotations

from aicmo.shared.errors import NotFound

__all__ = ["QcResultNotFound"]


class QcResultNotFound(NotFound):
    """No QC result with that id, or the set was never evaluated."""

    code = "qc_result_not_found"
