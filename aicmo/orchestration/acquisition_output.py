"""The acquisition run's DTOs rendered as the summary legacy `acquire` returned (`aicmo acquire --json`)."""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Optional, Union

from aicmo.cam.api import Campaign, Lead, NextAction, OutreachResult, ProcessedReply, QualificationStatus, ReplyCategory
from aicmo.onboarding.api import ClientIntake
from aicmo.orchestration.acquisition import AcquisitionOutcome, Conversion, SentLead
from aicmo.orchestration.plain import plain
from aicmo.reporting.api import OutreachEfficiency

__all__ = [
    "acquisition_output", "campaign_part", "conversions_part", "lead_part", "qualification_status", "replies_part", "summary_part",
]

Sent = Union[OutreachResult, SentLead]


def _round(value: Optional[float]) -> Optional[float]:
    return None if value is None else round(value, 4)


def lead_part(lead: Lead, sent: Optional[Sent], action: NextAction) -> dict[str, Any]:
    """One lead of the output: the lead as read at the end, the outcome of its send (if any) and its next action."""
    score, qualification = lead.score, lead.qualification
    return {
        "id": lead.lead_id,
        "email": lead.profile.email,
        "name": lead.profile.name,
        "company": lead.profile.company,
        "icp_fit": _round(score and score.icp_fit),
        "opportunity": _round(score and score.opportunity),
        "lead_score": _round(score and score.lead_score),
        "tier": score.tier.value if score else None,
        "tags": list(lead.tags),
        "qualification_status": qualification.status.value if qualification else None,
        "rejection_reason": plain(qualification.reason) if qualification else None,
        "intent_score": _round(qualification.intent_score) if qualification else None,
        "grade": plain(lead.grade),
        "routing_sequence": plain(lead.routing_sequence),
        "outreach": sent.outcome.value if sent else None,
        "status": lead.status.value,
        "next_action_at": plain(action.next_action_at),
        "stop": action.stop,
    }


def campaign_part(campaign: Campaign, batch: bool) -> dict[str, Any]:
    settings = campaign.settings
    return {"id": campaign.campaign_id, "name": settings.name, "mode": settings.mode.value, "batch": batch}


def replies_part(replies: Iterable[ProcessedReply]) -> list[dict[str, Any]]:
    return [{"email": r.email, "lead_id": r.lead_id, "category": r.category.value, "confidence": r.confidence} for r in replies]


def conversions_part(conversions: Iterable[Conversion]) -> list[dict[str, Any]]:
    return [
        {
            "lead_id": c.conversion.lead_id,
            "campaign_id": c.client.client_id,
            "intake": plain(ClientIntake(**c.conversion.intake.model_dump())),
            "proposal": plain(c.proposal, exclude=("client_id",)),
        }
        for c in conversions
    ]


def summary_part(
    leads: int, statuses: Counter, outreach: Iterable[Sent], replies: tuple[ProcessedReply, ...], conversions: int,
    efficiency: OutreachEfficiency,
) -> dict[str, Any]:
    """The summary; ``statuses`` counts the leads' qualification statuses (None: not qualified), as read at the end."""
    outcomes = [result.outcome.value for result in outreach]
    categories = [reply.category for reply in replies]
    return {
        "leads": leads,
        "qualified": statuses[QualificationStatus.QUALIFIED],
        "rejected": statuses[QualificationStatus.REJECTED],
        "manual_review": statuses[QualificationStatus.MANUAL_REVIEW],
        "sent": outcomes.count("sent"),
        "failed": outcomes.count("failed"),
        "outreach": {o: outcomes.count(o) for o in sorted(set(outcomes))},
        "replies": {c.value: categories.count(c) for c in ReplyCategory},
        "conversions": conversions,
        "outreach_efficiency": round(efficiency.score, 4),
    }


def qualification_status(lead: Lead) -> Optional[QualificationStatus]:
    return lead.qualification.status if lead.qualification else None


def acquisition_output(outcome: AcquisitionOutcome) -> dict[str, Any]:
    """The dict legacy `acquire` returns, key for key."""
    return {
        "campaign": campaign_part(outcome.campaign, outcome.batch),
        "leads": [
            lead_part(lead, outcome.outreach.get(str(lead.lead_id)), outcome.next_actions[str(lead.lead_id)])
            for lead in outcome.leads
        ],
        "replies": replies_part(outcome.replies),
        "conversions": conversions_part(outcome.conversions),
        "summary": summary_part(len(outcome.leads), Counter(map(qualification_status, outcome.leads)), outcome.outreach.values(),
                                outcome.replies, len(outcome.conversions), outcome.efficiency),
    }
