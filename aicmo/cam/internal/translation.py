"""cam's records as the contract's DTOs, field for field as the legacy adapter reads them from legacy's rows."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional

from aicmo.cam.api import (
    Campaign,
    CampaignId,
    Lead,
    LeadGrade,
    LeadId,
    LeadScore,
    LeadStatus,
    LeadTier,
    OutreachAttempt,
    OutreachOutcome,
    OutreachResult,
    ProcessedReply,
    Qualification,
    QualificationStatus,
    RejectionReason,
    RoutingSequence,
)
from aicmo.cam.internal.model import AttemptRecord, CampaignRecord, LeadRecord, ReplyRecord

__all__ = ["attempt_dto", "campaign_dto", "lead_dto", "reply_dto", "result_dto"]


def campaign_dto(record: CampaignRecord) -> Campaign:
    return Campaign(campaign_id=record.campaign_id, settings=record.settings, created_at=record.created_at)


def lead_dto(lead: LeadRecord) -> Lead:
    """The lead as the contract gives it, built without validating again what cam validated on the way in.

    A campaign lists every lead through here (100,000 of them in a large acquisition): the
    profile is the validated LeadProfile the lead was imported with, the ids are cam's own, and
    every other field is converted to its contract type here. tests/unit/cam/test_new_cam_service.py
    proves it equal to the validated DTO.
    """
    score = None
    if lead.icp_fit is not None:
        score = LeadScore.model_construct(icp_fit=lead.icp_fit, opportunity=lead.opportunity, lead_score=lead.lead_score,
                                          tier=LeadTier(lead.tier))
    qualification = None
    if lead.qualification_status is not None:
        qualification = Qualification.model_construct(
            status=QualificationStatus(lead.qualification_status),
            reason=None if lead.rejection_reason is None else RejectionReason(lead.rejection_reason),
            intent_score=lead.intent_score)
    return Lead.model_construct(
        lead_id=LeadId(lead.lead_id),
        campaign_id=CampaignId(lead.campaign_id),
        profile=lead.profile,
        score=score,
        tags=tuple(lead.tags),
        status=LeadStatus(lead.status),
        qualification=qualification,
        grade=None if lead.grade is None else LeadGrade(lead.grade),
        routing_sequence=None if lead.routing_sequence is None else RoutingSequence(lead.routing_sequence),
        notes=lead.notes,
        next_action_at=lead.next_action_at,
        first_contacted_at=_utc(lead.first_contacted_at),
        last_contacted_at=_utc(lead.last_contacted_at),
        last_replied_at=_utc(lead.last_replied_at),
        created_at=_utc(lead.created_at),
    )


def _utc(moment: Optional[datetime]) -> Optional[datetime]:
    return None if moment is None else moment.astimezone(timezone.utc)


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
