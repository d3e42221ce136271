"""The envelope every integration event carries."""
from __future__ import annotations

from typing import Optional

from pydantic import AwareDatetime, Field

from aicmo.shared.dto import ContractModel
from aicmo.shared.ids import CorrelationId, MessageId

__all__ = ["IntegrationEvent"]


class IntegrationEvent(ContractModel):
    """A fact another module may react to, named in the past tense."""

    event_id: MessageId
    """This event's own id; consumers de-duplicate on it."""
    occurred_at: AwareDatetime
    """When the fact happened (UTC)."""
    correlation_id: CorrelationId
    """The business flow this event belongs to."""
    causation_id: Optional[MessageId] = None
    """The command or event that caused this one; None for a flow's first message."""
    schema_version: int = Field(default=1, ge=1)
    """The version of this event's payload shape."""
