"""The integration events cam raises, with ids derived from the subject, the event type and the command's key."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from aicmo.cam.api import (
    CampaignId,
    LeadConverted,
    LeadId,
    LeadQualified,
    OutreachAttempted,
    ProspectIntake,
    QualificationStatus,
    RejectionReason,
    ReplyReceived,
)
from aicmo.cam.internal.model import AttemptRecord, LeadRecord
from aicmo.shared.ids import CorrelationId, MessageId, derived_id

__all__ = ["lead_converted", "lead_qualified", "outreach_attempted", "reply_received"]


def _common(event_type: str, subject: str, flow: str, cause: str, at: datetime) -> dict:
    return {
        # one command (its key) raises one event of a type on one subject, so the three name it
        "event_id": derived_id(MessageId, "cam", subject, event_type, cause),
        "occurred_at": at,
        # the requests carry no flow id; the campaign is the acquisition's flow
        "correlation_id": CorrelationId(flow),
    }


def lead_qualified(lead: LeadRecord, cause: str, at: datetime) -> LeadQualified:
    """One per lead of every batch: built without validating again what cam made (its ids, its outcome's enums)."""
    return LeadQualified.model_construct(
        **_common("LeadQualified", lead.lead_id, lead.campaign_id, cause, at), causation_id=None, schema_version=1,
        lead_id=LeadId(lead.lead_id), campaign_id=CampaignId(lead.campaign_id),
        status=QualificationStatus(lead.qualification_status),
        reason=None if lead.rejection_reason is None else RejectionReason(lead.rejection_reason))


def outreach_attempted(attempt: AttemptRecord, cause: str, at: datetime) -> OutreachAttempted:
    return OutreachAttempted(**_common("OutreachAttempted", attempt.attempt_id, attempt.campaign_id, cause, at),
                             attempt_id=attempt.attempt_id, lead_id=attempt.lead_id, campaign_id=attempt.campaign_id,
                             outcome="sent" if attempt.status == "SENT" else "failed",
                             sequence_step=attempt.sequence_step)


def reply_received(reply_id: str, lead: Optional[LeadRecord], category: str, cause: str, at: datetime) -> ReplyReceived:
    flow = lead.campaign_id if lead is not None else reply_id
    return ReplyReceived(**_common("ReplyReceived", reply_id, flow, cause, at), reply_id=reply_id,
                         lead_id=None if lead is None else lead.lead_id, category=category)


def lead_converted(lead: LeadRecord, reply_id: str, intake: ProspectIntake, cause: str, at: datetime) -> LeadConverted:
    return LeadConverted(**_common("LeadConverted", lead.lead_id, lead.campaign_id, cause, at), lead_id=lead.lead_id,
                         reply_id=reply_id, intake=intake)
