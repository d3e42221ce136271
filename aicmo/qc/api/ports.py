"""QC's port: evaluate a project's creatives, check one creative, score a document."""
from __future__ import annotations

from typing import Protocol, runtime_checkable

from aicmo.production.api import Creative, CreativeSetId
from aicmo.qc.api.dtos import (
    CreativeCheck,
    DocumentScore,
    DocumentText,
    QcRequest,
    QcResult,
    QcResultId,
)
from aicmo.shared.compensation import Compensation
from aicmo.shared.dto import IdempotencyKey

__all__ = ["QcPort"]


@runtime_checkable
class QcPort(Protocol):
    """What other modules and the orchestration may ask of QC."""

    def evaluate_creative_set(self, request: QcRequest, idempotency_key: IdempotencyKey) -> QcResult:
        """Check every creative, the calendar, the documents and the intake; give the verdict (L-14..L-18b)."""
        ...

    def check_creative(self, creative: Creative) -> CreativeCheck:
        """One creative's findings, score and pass/fail (L-17, L-18); nothing is stored."""
        ...

    def score_document(self, document: DocumentText) -> DocumentScore:
        """The document score of one section (L-16); nothing is stored."""
        ...

    def get_result(self, qc_result_id: QcResultId) -> QcResult:
        """A stored evaluation; QcResultNotFound when unknown."""
        ...

    def latest_result(self, creative_set_id: CreativeSetId) -> QcResult:
        """The newest evaluation of a set; QcResultNotFound when it was never evaluated."""
        ...

    def void_result(self, qc_result_id: QcResultId, idempotency_key: IdempotencyKey) -> Compensation:
        """Compensates evaluate_creative_set: the evaluation is void, no longer served by get_result
        or latest_result (QcResultNotFound); an unknown result is a no-op."""
        ...
