"""QC's integration events."""
from __future__ import annotations

from aicmo.production.api import CreativeId, CreativeSetId
from aicmo.qc.api.dtos import QcResultId
from aicmo.shared.events import IntegrationEvent
from aicmo.shared.ids import ClientId

__all__ = ["QcFailed", "QcPassed"]


class QcPassed(IntegrationEvent):
    """A creative set passed QC (verdict QC_APPROVED)."""

    qc_result_id: QcResultId
    """The evaluation."""
    client_id: ClientId
    """The client."""
    creative_set_id: CreativeSetId
    """The set."""


class QcFailed(IntegrationEvent):
    """A creative set failed QC (verdict QC_FAILED)."""

    qc_result_id: QcResultId
    """The evaluation."""
    client_id: ClientId
    """The client."""
    creative_set_id: CreativeSetId
    """The set."""
    failing_creative_ids: tuple[CreativeId, ...]
    """The creatives that did not pass; empty when only the calendar failed."""
