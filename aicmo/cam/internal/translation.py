"""cam's records as the contract's DTOs, field for field as the legacy adapter reads them from legacy's rows."""
from __future__ import annotations

from datetime import timezone
from typing import Optional

from aicmo.cam.api import (
    Campaign,
    Lead,
    LeadScore,
    OutreachAttempt,
    OutreachOutcome,
    OutreachResult,
    ProcessedReply,
    Qualification,
)
from aicmo.cam.internal.model import AttemptRecord, CampaignRecord, LeadRecord, ReplyRecord

__all__ = ["attempt_dto", "campaign_dto", "lead_dto", "reply_dto", "result_dto"]


def campaign_dto(record: CampaignRecord) -> Campaign:
    return Campaign(campaign_id=record.campaign_id, settings=record.settings, created_at=record.created_at)


def lead_dto(lead: LeadRecord) -> Lead:
    score = None
    if lead.icp_fit is not None:
        score = LeadScore(icp_fit=lead.icp_fit, opportunity=lead.opportunity, lead_score=lead.lead_score, tier=lead.tier)
    qualification = None
    if lead.qualification_status is not None:
        qualification = Qualification(status=lead.qualification_status, reason=lead.rejection_reason,
                                      intent_score=lead.intent_score)
    return Lead(
        lead_id=lead.lead_id,
        campaign_id=lead.campaign_id,
        profile=lead.profile,
        score=score,
        tags=tuple(lead.tags),
        status=lead.status,
        qualification=qualification,
        grade=lead.grade,
        routing_sequence=lead.routing_sequence,
        notes=lead.notes,
        next_action_at=lead.next_action_at,
        first_contacted_at=lead.first_contacted_at,
        last_contacted_at=lead.last_contacted_at,
        last_replied_at=lead.last_replied_at,
        created_at=lead.created_at.astimezone(timezone.utc),
    )


def attempt_dto(a: AttemptRecord) -> OutreachAttempt:
    return OutreachAttempt(
        attempt_id=a.attempt_id, lead_id=a.lead_id, campaign_id=a.campaign_id, channel=a.channel,
        sequence_step=a.sequence_step, message_hash=a.message_hash, subject=a.subject, body=a.body, status=a.status,
        simulated=a.simulated, error=a.error, attempted_at=a.attempted_at.astimezone(timezone.utc),
    )


def result_dto(lead_id: str, outcome: str, attempt: Optional[AttemptRecord]) -> OutreachResult:
    return OutreachResult(lead_id=lead_id, outcome=OutreachOutcome(outcome),
                          attempt=None if attempt is None else attempt_dto(attempt))


def reply_dto(r: ReplyRecord) -> ProcessedReply:
    return ProcessedReply(reply_id=r.reply_id, email=r.email, lead_id=r.lead_id, category=r.category,
                          confidence=r.confidence, received_at=r.received_at,
                          processed_at=r.processed_at.astimezone(timezone.utc))
