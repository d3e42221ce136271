"""CAM's integration events."""
from __future__ import annotations

from typing import Optional

from aicmo.cam.api.dtos import (
    CampaignId,
    LeadId,
    OutreachAttemptId,
    OutreachOutcome,
    ProspectIntake,
    QualificationStatus,
    RejectionReason,
    ReplyCategory,
    ReplyId,
)
from aicmo.shared.events import IntegrationEvent

__all__ = ["LeadConverted", "LeadQualified", "OutreachAttempted", "ReplyReceived"]


class LeadQualified(IntegrationEvent):
    """A lead went through qualification, whatever the outcome."""

    lead_id: LeadId
    """The lead."""
    campaign_id: CampaignId
    """Its campaign."""
    status: QualificationStatus
    """The outcome."""
    reason: Optional[RejectionReason] = None
    """Why not qualified."""


class OutreachAttempted(IntegrationEvent):
    """A send attempt was recorded, sent or failed."""

    attempt_id: OutreachAttemptId
    """The attempt."""
    lead_id: LeadId
    """The lead."""
    campaign_id: CampaignId
    """The campaign."""
    outcome: OutreachOutcome
    """sent or failed."""
    sequence_step: int
    """The step sent."""


class ReplyReceived(IntegrationEvent):
    """A reply was classified."""

    reply_id: ReplyId
    """The reply."""
    lead_id: Optional[LeadId] = None
    """Its lead, when known."""
    category: ReplyCategory
    """Its class."""


class LeadConverted(IntegrationEvent):
    """A lead said yes: onboarding creates the client from the intake, billing issues the proposal."""

    lead_id: LeadId
    """The lead."""
    reply_id: ReplyId
    """The reply."""
    intake: ProspectIntake
    """The pre-filled intake."""
