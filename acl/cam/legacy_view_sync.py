"""The legacy view of cam: with cam on its new path, keep the acquisition rows as legacy cam wrote them.

The new cam keeps campaigns, leads, attempts and replies in its own tables (schema `cam`).
Legacy readers of the acquisition rows remain: the legacy operator flow
(`aicmo.operator_services`, behind `--legacy-flow`) and, while a deployment routes cam back to
legacy (a rollback), legacy cam itself, which finds a reply's lead, the day's attempts and a
campaign's leads there. So after each call that changed them this wrapper writes the
`cam_campaigns` row (kind acquisition), the `cam_leads`, `cam_outreach_attempts` and
`cam_replies` rows with exactly the values `backend.services.cam` writes, through the legacy
session, in bulk: one INSERT of a batch's new rows, one UPDATE (executemany) of the leads a call
changed. The rows are written from cam's records as they stand after the call (a replay writes
nothing new), so running it again is safe.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any, Optional

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from acl._support.legacy_session import legacy_session
from acl.cam.translation import campaign_to_legacy
from aicmo.cam.api import (
    AcquisitionCampaign,
    Campaign,
    CampaignId,
    InboundReply,
    Lead,
    LeadConversion,
    LeadId,
    LeadProfile,
    NextAction,
    OutreachBatch,
    OutreachResult,
    ProcessedReply,
    ReplyId,
    ScoringMode,
)
from aicmo.cam.internal.model import LeadRecord
from aicmo.cam.internal.service import CamService
from aicmo.shared.compensation import Compensation
from aicmo.shared.ids import ClientId
from backend.db.models import CampaignRow, LeadRow, OutreachAttemptRow, ReplyRow

__all__ = ["CamWithLegacyView", "lead_columns"]

MODULE = "cam"
_LEADS = LeadRow.__table__
# what the steps after the import change on a lead row
_CHANGING = ("icp_fit", "opportunity", "lead_score", "tier", "tags", "status", "qualification_status", "rejection_reason",
             "intent_score", "grade", "routing_sequence", "notes", "next_action_at", "first_contacted_at",
             "last_contacted_at", "last_replied_at")


def _changing(lead: Lead) -> dict[str, Any]:
    score, qualification = lead.score, lead.qualification
    return {
        "icp_fit": score and score.icp_fit, "opportunity": score and score.opportunity,
        "lead_score": score and score.lead_score, "tier": score.tier.value if score else None,
        "tags": json.dumps(list(lead.tags)), "status": lead.status.value,
        "qualification_status": qualification.status.value if qualification else None,
        "rejection_reason": qualification.reason.value if qualification and qualification.reason else None,
        "intent_score": qualification.intent_score if qualification else None,
        "grade": lead.grade.value if lead.grade else None,
        "routing_sequence": lead.routing_sequence.value if lead.routing_sequence else None,
        "notes": lead.notes,
        # the time as legacy was handed it, offset included: SQLite keeps its clock time as legacy's write did
        "next_action_at": lead.next_action_at,
        "first_contacted_at": lead.first_contacted_at, "last_contacted_at": lead.last_contacted_at,
        "last_replied_at": lead.last_replied_at,
    }


def lead_columns(lead: Lead) -> dict[str, Any]:
    """The lead's cam_leads columns as legacy's insert_lead and the later steps write them."""
    p = lead.profile
    return {"id": str(lead.lead_id), "campaign_id": str(lead.campaign_id), "name": p.name, "email": p.email,
            "company": p.company, "title": p.title, "company_size": p.company_size and p.company_size.value,
            "industry": p.industry, "revenue": None if p.revenue is None else float(p.revenue), "country": p.country,
            "region": p.region, "job_change": p.job_change, "funded": p.funded, "hiring": p.hiring,
            "recent_activity": p.recent_activity, "decision_maker": p.decision_maker,
            "budget_authority": p.budget_authority, "budget": p.budget, "timeline": p.timeline,
            "pain_points": p.pain_points, **_changing(lead), "created_at": lead.created_at}


def _record_as_lead(record: LeadRecord) -> Lead:
    from aicmo.cam.internal.translation import lead_dto

    return lead_dto(record)


def _existing(session: Session, table: Any, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        found.update(session.scalars(select(table.c.id).where(table.c.id.in_(ids[start:start + 500]))))
    return found


def _write_leads(leads: Sequence[Lead], *, update_known: bool = True) -> None:
    """Insert the leads the view lacks and (unless told not to) update the others: one statement each.

    An import's answer is the batch as its first call left it: replayed later (its key), it may be
    older than the rows, so an import only inserts what is missing (a sync lost after cam's commit).
    """
    if not leads:
        return
    with legacy_session(MODULE) as session:
        known = _existing(session, _LEADS, [str(lead.lead_id) for lead in leads])
        new = [lead_columns(lead) for lead in leads if str(lead.lead_id) not in known]
        changed = [{"lead_id": str(lead.lead_id), **_changing(lead)} for lead in leads
                   if update_known and str(lead.lead_id) in known]
        if new:
            session.execute(insert(_LEADS), new)
        if changed:
            statement = update(_LEADS).where(_LEADS.c.id == bindparam("lead_id")).values(
                {name: bindparam(name) for name in _CHANGING})
            session.execute(statement, changed, execution_options={"synchronize_session": False})


def _write_next_actions(actions: Sequence[NextAction]) -> None:
    """One UPDATE of next_action_at: the time planned, or a reply's follow-up kept (the same value again)."""
    rows = [{"lead_id": str(a.lead_id), "when": a.next_action_at} for a in actions if a.next_action_at is not None]
    if rows:
        with legacy_session(MODULE) as session:
            statement = update(_LEADS).where(_LEADS.c.id == bindparam("lead_id")).values(next_action_at=bindparam("when"))
            session.execute(statement, rows, execution_options={"synchronize_session": False})


class CamWithLegacyView:
    """A CamPort that keeps the legacy acquisition rows in step with the new cam it wraps."""

    def __init__(self, cam: CamService) -> None:
        self._cam = cam

    def _synced_leads(self, lead_ids: Iterable[str]) -> None:
        _write_leads([_record_as_lead(r) for r in self._cam.lead_records(list(dict.fromkeys(map(str, lead_ids))))])

    def create_campaign(self, campaign: AcquisitionCampaign, idempotency_key: str) -> Campaign:
        created = self._cam.create_campaign(campaign, idempotency_key)
        with legacy_session(MODULE) as session:
            if session.get(CampaignRow, str(created.campaign_id)) is None:
                legacy = campaign_to_legacy(created.settings)
                session.add(CampaignRow(id=str(created.campaign_id), name=legacy.name,
                                        description=f"Acquisition campaign {legacy.name}", kind="acquisition",
                                        mode=legacy.mode, settings_json=legacy.model_dump_json(),
                                        created_at=created.created_at))
        return created

    def get_campaign(self, campaign_id: CampaignId) -> Campaign:
        return self._cam.get_campaign(campaign_id)

    def import_leads(self, campaign_id: CampaignId, leads: tuple[LeadProfile, ...], idempotency_key: str) -> tuple[Lead, ...]:
        imported = self._cam.import_leads(campaign_id, leads, idempotency_key)
        _write_leads(imported, update_known=False)
        return imported

    def import_lead_batch(self, campaign_id: CampaignId, leads: tuple[LeadProfile, ...], mode: ScoringMode,
                          idempotency_key: str) -> tuple[Lead, ...]:
        imported = self._cam.import_lead_batch(campaign_id, leads, mode, idempotency_key)
        # the answer is the batch as it ended the call: written as is, no read back
        _write_leads(imported, update_known=False)
        return imported

    def score_leads(self, campaign_id: CampaignId, lead_ids: tuple[LeadId, ...], mode: ScoringMode) -> tuple[Lead, ...]:
        scored = self._cam.score_leads(campaign_id, lead_ids, mode)
        _write_leads(scored)
        return scored

    def qualify_leads(self, campaign_id: CampaignId, lead_ids: tuple[LeadId, ...], idempotency_key: str) -> tuple[Lead, ...]:
        qualified = self._cam.qualify_leads(campaign_id, lead_ids, idempotency_key)
        self._synced_leads(lead_ids)
        return qualified

    def grade_leads(self, lead_ids: tuple[LeadId, ...]) -> tuple[Lead, ...]:
        graded = self._cam.grade_leads(lead_ids)
        _write_leads(graded)
        return graded

    def route_lead(self, lead_id: LeadId) -> Lead:
        routed = self._cam.route_lead(lead_id)
        _write_leads([routed])
        return routed

    def send_outreach(self, batch: OutreachBatch, idempotency_key: str) -> tuple[OutreachResult, ...]:
        results = self._cam.send_outreach(batch, idempotency_key)
        attempts = [r.attempt for r in results if r.attempt is not None]
        if attempts:
            with legacy_session(MODULE) as session:
                table = OutreachAttemptRow.__table__
                known = _existing(session, table, [str(a.attempt_id) for a in attempts])
                rows = {str(a.attempt_id): {
                    "id": str(a.attempt_id), "lead_id": str(a.lead_id), "campaign_id": str(a.campaign_id),
                    "channel": a.channel, "sequence_step": a.sequence_step, "message_hash": a.message_hash,
                    "subject": a.subject, "body": a.body, "status": a.status.value, "simulated": a.simulated,
                    "error": a.error, "attempted_at": a.attempted_at,
                } for a in attempts if str(a.attempt_id) not in known}
                if rows:
                    session.execute(insert(table), list(rows.values()))
        self._synced_leads(a.lead_id for a in attempts)
        return results

    def process_reply(self, reply: InboundReply, idempotency_key: str) -> ProcessedReply:
        processed = self._cam.process_reply(reply, idempotency_key)
        with legacy_session(MODULE) as session:
            if session.get(ReplyRow, str(processed.reply_id)) is None:
                session.add(ReplyRow(id=str(processed.reply_id), lead_id=processed.lead_id and str(processed.lead_id),
                                     email=processed.email, received_at=processed.received_at, body=reply.body or "",
                                     category=processed.category.value, confidence=processed.confidence,
                                     processed_at=processed.processed_at))
        if processed.lead_id is not None:
            self._synced_leads([processed.lead_id])
        return processed

    def convert_reply(self, reply_id: ReplyId, idempotency_key: str) -> Optional[LeadConversion]:
        converted = self._cam.convert_reply(reply_id, idempotency_key)
        if converted is not None:
            self._synced_leads([converted.lead_id])
        return converted

    def plan_next_action(self, lead_id: LeadId, now: dt.datetime) -> NextAction:
        action = self._cam.plan_next_action(lead_id, now)
        _write_next_actions([action])
        return action

    def plan_next_actions(self, lead_ids: tuple[LeadId, ...], now: dt.datetime) -> tuple[NextAction, ...]:
        actions = self._cam.plan_next_actions(lead_ids, now)
        _write_next_actions(actions)  # the answers hold all that changed: no read back
        return actions

    def get_lead(self, lead_id: LeadId) -> Lead:
        return self._cam.get_lead(lead_id)

    def get_leads(self, lead_ids: tuple[LeadId, ...]) -> tuple[Lead, ...]:
        return self._cam.get_leads(lead_ids)

    def list_leads(self, campaign_id: CampaignId) -> tuple[Lead, ...]:
        return self._cam.list_leads(campaign_id)

    def cancel_project(self, client_id: ClientId, idempotency_key: str) -> Compensation:
        return self._cam.cancel_project(client_id, idempotency_key)
