"""A positive reply from a good lead becomes a signed client (L-41)."""
from __future__ import annotations

from typing import Any, Optional

from sqlalchemy.orm import Session

from aicmo.domain import ClientIntake
from backend.db.models import LeadRow, ReplyRow
from backend.services.cam.scoring import add_tag

CONVERTIBLE_GRADES = {"A", "B"}


def intake_from_lead(lead: LeadRow) -> ClientIntake:
    return ClientIntake(
        brand_name=lead.company or None,
        contact_email=lead.email or None,
        industry=lead.industry,
        geography=lead.country,
        pain_points=[lead.pain_points] if lead.pain_points else [],
        pack="strategy_campaign",
    )


def convert_reply(session: Session, lead: LeadRow, reply: ReplyRow) -> Optional[dict[str, Any]]:
    """Onboards the lead as a client with the L-26 proposal; None when the reply does not qualify."""
    if reply.category != "POSITIVE" or lead.grade not in CONVERTIBLE_GRADES:
        return None
    # Imported at call time: only a conversion reaches into the onboarding and billing areas.
    from backend.services.billing import build_proposal
    from backend.services.onboarding import create_client

    intake = intake_from_lead(lead)
    client = create_client(session, intake)
    proposal = build_proposal()
    add_tag(lead, "converted")
    session.flush()
    return {
        "lead_id": lead.id,
        "campaign_id": client.id,
        "intake": intake.model_dump(),
        "proposal": proposal,
    }
