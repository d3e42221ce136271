"""The acquisition run's DTOs rendered as the summary legacy `acquire` returned (`aicmo acquire --json`)."""
from __future__ import annotations

from typing import Any, Optional

from aicmo.cam.api import Lead, QualificationStatus, ReplyCategory
from aicmo.onboarding.api import ClientIntake
from aicmo.orchestration.acquisition import AcquisitionOutcome
from aicmo.orchestration.plain import plain

__all__ = ["acquisition_output"]


def _round(value: Optional[float]) -> Optional[float]:
    return None if value is None else round(value, 4)


def _lead(lead: Lead, outcome: AcquisitionOutcome) -> dict[str, Any]:
    score, qualification = lead.score, lead.qualification
    sent = outcome.outreach.get(str(lead.lead_id))
    action = outcome.next_actions[str(lead.lead_id)]
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


def acquisition_output(outcome: AcquisitionOutcome) -> dict[str, Any]:
    """The dict legacy `acquire` returns, key for key."""
    settings = outcome.campaign.settings
    statuses = [lead.qualification.status if lead.qualification else None for lead in outcome.leads]
    outcomes = [result.outcome.value for result in outcome.outreach.values()]
    categories = [reply.category for reply in outcome.replies]
    return {
        "campaign": {"id": outcome.campaign.campaign_id, "name": settings.name, "mode": settings.mode.value, "batch": outcome.batch},
        "leads": [_lead(lead, outcome) for lead in outcome.leads],
        "replies": [
            {"email": r.email, "lead_id": r.lead_id, "category": r.category.value, "confidence": r.confidence}
            for r in outcome.replies
        ],
        "conversions": [
            {
                "lead_id": c.conversion.lead_id,
                "campaign_id": c.client.client_id,
                "intake": plain(ClientIntake(**c.conversion.intake.model_dump())),
                "proposal": plain(c.proposal, exclude=("client_id",)),
            }
            for c in outcome.conversions
        ],
        "summary": {
            "leads": len(outcome.leads),
            "qualified": statuses.count(QualificationStatus.QUALIFIED),
            "rejected": statuses.count(QualificationStatus.REJECTED),
            "manual_review": statuses.count(QualificationStatus.MANUAL_REVIEW),
            "sent": outcomes.count("sent"),
            "failed": outcomes.count("failed"),
            "outreach": {o: outcomes.count(o) for o in sorted(set(outcomes))},
            "replies": {c.value: categories.count(c) for c in ReplyCategory},
            "conversions": len(outcome.conversions),
            "outreach_efficiency": round(outcome.efficiency.score, 4),
        },
    }
