"""`aicmo acquire`: one acquisition run over a campaign, its leads and their replies.

Everything happens in the caller's session; the caller commits.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any, Optional

from sqlalchemy.orm import Session

from aicmo.domain import LeadSnapshot
from backend.db.models import LeadRow
from backend.services.cam.campaigns import AcquisitionCampaign, create_campaign_row
from backend.services.cam.conversion import convert_reply
from backend.services.cam.grading import grade_lead
from backend.services.cam.leads_io import insert_lead
from backend.services.cam.next_action import next_action_at, should_stop
from backend.services.cam.outreach import OutreachResult, send_outreach
from backend.services.cam.qualification import MANUAL_REVIEW, QUALIFIED, REJECTED, qualify_lead
from backend.services.cam.replies import process_reply
from backend.services.cam.routing import route_lead
from backend.services.cam.scoring import lead_tags, score_lead, score_leads_batch
from backend.services.reporting import outreach_efficiency

REPLY_CATEGORIES = ["AUTO_REPLY", "OOO", "NEGATIVE", "POSITIVE", "NEUTRAL", "UNKNOWN"]
FIRST_STEP = 0


def _round(value: Optional[float]) -> Optional[float]:
    return None if value is None else round(value, 4)


def _iso(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {value!r}")


def _rate(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _lead_result(lead: LeadRow, outreach: Optional[OutreachResult], now: datetime) -> dict[str, Any]:
    # A reply (auto reply, out of office) may already have set the next action; keep it.
    if lead.next_action_at is None:
        lead.next_action_at = next_action_at(lead, now)
    return {
        "id": lead.id,
        "email": lead.email,
        "name": lead.name,
        "company": lead.company,
        "icp_fit": _round(lead.icp_fit),
        "opportunity": _round(lead.opportunity),
        "lead_score": _round(lead.lead_score),
        "tier": lead.tier,
        "tags": lead_tags(lead),
        "qualification_status": lead.qualification_status,
        "rejection_reason": lead.rejection_reason,
        "intent_score": _round(lead.intent_score),
        "grade": lead.grade,
        "routing_sequence": lead.routing_sequence,
        "outreach": outreach.outcome if outreach else None,
        "status": lead.status,
        "next_action_at": lead.next_action_at,
        "stop": should_stop(lead, now),
    }


def acquire(
    session: Session,
    campaign: AcquisitionCampaign,
    leads: list[LeadSnapshot],
    replies: list[dict],
    *,
    batch: bool = False,
) -> dict[str, Any]:
    """Score, qualify, grade, route, send step 0, process replies, convert; a JSON-able summary."""
    campaign_row = create_campaign_row(session, campaign)
    rows = [insert_lead(session, campaign_row.id, snapshot) for snapshot in leads]

    if batch:
        score_leads_batch(session, rows)  # no targets, so nobody reaches 0.70
    else:
        for lead in rows:
            score_lead(session, lead, campaign)
    for lead in rows:
        qualify_lead(session, lead, campaign)
        grade_lead(session, lead)

    channel = campaign.channels[0] if campaign.channels else "email"
    batch_counter: dict[str, int] = {}
    outreach: dict[str, OutreachResult] = {}
    for lead in rows:
        if lead.qualification_status == QUALIFIED:
            route_lead(session, lead)
            outreach[lead.id] = send_outreach(
                session, lead, campaign_row, campaign, FIRST_STEP, channel, batch_counter
            )

    reply_rows = [process_reply(session, r["email"], r["received_at"], r.get("body", "")) for r in replies]
    conversions = []
    for reply in reply_rows:
        lead = session.get(LeadRow, reply.lead_id) if reply.lead_id else None
        converted = convert_reply(session, lead, reply) if lead is not None else None
        if converted is not None:
            conversions.append(converted)

    outcomes = [result.outcome for result in outreach.values()]
    sent, failed = outcomes.count("sent"), outcomes.count("failed")
    known_replies = sum(1 for reply in reply_rows if reply.lead_id is not None)
    efficiency = outreach_efficiency(_rate(sent, sent + failed), _rate(known_replies, sent), 0.0)

    now = datetime.now(timezone.utc)
    statuses = [lead.qualification_status for lead in rows]
    categories = [reply.category for reply in reply_rows]
    result = {
        "campaign": {"id": campaign_row.id, "name": campaign.name, "mode": campaign.mode, "batch": batch},
        "leads": [_lead_result(lead, outreach.get(lead.id), now) for lead in rows],
        "replies": [
            {"email": r.email, "lead_id": r.lead_id, "category": r.category, "confidence": r.confidence}
            for r in reply_rows
        ],
        "conversions": conversions,
        "summary": {
            "leads": len(rows),
            "qualified": statuses.count(QUALIFIED),
            "rejected": statuses.count(REJECTED),
            "manual_review": statuses.count(MANUAL_REVIEW),
            "sent": sent,
            "failed": failed,
            "outreach": {outcome: outcomes.count(outcome) for outcome in sorted(set(outcomes))},
            "replies": {category: categories.count(category) for category in REPLY_CATEGORIES},
            "conversions": len(conversions),
            "outreach_efficiency": round(efficiency, 4),
        },
    }
    session.flush()
    return json.loads(json.dumps(result, default=_iso))
