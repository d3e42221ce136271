"""cam's records in cam's tables, read and written by statements over whole batches (no row per ORM object).

A batch of leads is one INSERT (executemany) and its changes one UPDATE (executemany); a set of
leads is read by one query. The acquisition of a large file is then bounded by the rules, not by
the database round trips.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Optional

from sqlalchemy import bindparam, func, insert, select, update

from aicmo.cam.api import AcquisitionCampaign, LeadProfile
from aicmo.cam.internal.model import AttemptRecord, CampaignRecord, LeadRecord, NextActionFacts, ReplyRecord
from aicmo.cam.internal.tables import (
    CamAttemptRecordRow,
    CamCampaignRecordRow,
    CamLeadRecordRow,
    CamReplyRecordRow,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["CamRepository", "email_key"]

_IN_CHUNK = 500  # ids per IN (...) query: well under every database's parameter limit
_LEAD = CamLeadRecordRow.__table__
_ATTEMPT = CamAttemptRecordRow.__table__
# what the steps after the import change on a lead
_CHANGING = ("icp_fit", "opportunity", "lead_score", "tier", "tags", "status", "qualification_status", "rejection_reason",
             "intent_score", "grade", "routing_sequence", "notes", "next_action_at", "first_contacted_at",
             "last_contacted_at", "last_replied_at")


def email_key(email: str) -> str:
    """L-39: a reply finds its lead by the address, case-insensitive."""
    return (email or "").strip().lower()


def _iso(moment: Optional[datetime]) -> Optional[str]:
    return None if moment is None else moment.isoformat()


def _moment(text: Optional[str]) -> Optional[datetime]:
    return None if text is None else datetime.fromisoformat(text)


def _changing(lead: LeadRecord) -> dict[str, Any]:
    return {
        "icp_fit": lead.icp_fit, "opportunity": lead.opportunity, "lead_score": lead.lead_score, "tier": lead.tier,
        "tags": json.dumps(lead.tags), "status": lead.status, "qualification_status": lead.qualification_status,
        "rejection_reason": lead.rejection_reason, "intent_score": lead.intent_score, "grade": lead.grade,
        "routing_sequence": lead.routing_sequence, "notes": lead.notes, "next_action_at": _iso(lead.next_action_at),
        "first_contacted_at": lead.first_contacted_at, "last_contacted_at": lead.last_contacted_at,
        "last_replied_at": lead.last_replied_at,
    }


def _lead(row: Any) -> LeadRecord:
    return LeadRecord(
        lead_id=row.id, campaign_id=row.campaign_id, position=row.position,
        profile=LeadProfile.model_validate_json(row.profile), created_at=row.created_at,
        icp_fit=row.icp_fit, opportunity=row.opportunity, lead_score=row.lead_score, tier=row.tier,
        tags=json.loads(row.tags), status=row.status, qualification_status=row.qualification_status,
        rejection_reason=row.rejection_reason, intent_score=row.intent_score, grade=row.grade,
        routing_sequence=row.routing_sequence, notes=row.notes, next_action_at=_moment(row.next_action_at),
        first_contacted_at=row.first_contacted_at, last_contacted_at=row.last_contacted_at,
        last_replied_at=row.last_replied_at,
    )


def _attempt(row: CamAttemptRecordRow) -> AttemptRecord:
    return AttemptRecord(row.id, row.lead_id, row.campaign_id, row.channel, row.sequence_step, row.message_hash,
                         row.subject, row.body, row.status, row.simulated, row.error, row.attempted_at)


class CamRepository:
    """cam's records on one session; the unit of work commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    # -- campaigns ------------------------------------------------------------------------

    def add_campaign(self, campaign: CampaignRecord) -> None:
        self._session.execute(insert(CamCampaignRecordRow.__table__), [{
            "id": campaign.campaign_id, "name": campaign.settings.name,
            "settings": campaign.settings.model_dump_json(), "created_at": campaign.created_at,
        }])

    def campaign(self, campaign_id: str) -> Optional[CampaignRecord]:
        row = self._session.get(CamCampaignRecordRow, campaign_id)
        if row is None:
            return None
        return CampaignRecord(row.id, AcquisitionCampaign.model_validate_json(row.settings), row.created_at)

    # -- leads ----------------------------------------------------------------------------

    def next_position(self, campaign_id: str) -> int:
        last = self._session.scalar(select(func.max(CamLeadRecordRow.position)).where(CamLeadRecordRow.campaign_id == campaign_id))
        return 0 if last is None else last + 1

    def add_leads(self, leads: Sequence[LeadRecord]) -> None:
        if not leads:
            return
        self._session.execute(insert(_LEAD), [
            {"id": lead.lead_id, "campaign_id": lead.campaign_id, "position": lead.position,
             "email_key": email_key(lead.profile.email), "profile": lead.profile.model_dump_json(),
             "created_at": lead.created_at, **_changing(lead)}
            for lead in leads
        ])

    def update_leads(self, leads: Iterable[LeadRecord]) -> None:
        rows = [{"lead_id": lead.lead_id, **_changing(lead)} for lead in leads]
        if rows:
            statement = update(_LEAD).where(_LEAD.c.id == bindparam("lead_id")).values(
                {name: bindparam(name) for name in _CHANGING})
            self._session.execute(statement, rows, execution_options={"synchronize_session": False})

    def leads(self, lead_ids: Sequence[str]) -> dict[str, LeadRecord]:
        """The leads among ``lead_ids`` that exist, by id."""
        found: dict[str, LeadRecord] = {}
        unique = list(dict.fromkeys(lead_ids))
        for start in range(0, len(unique), _IN_CHUNK):
            chunk = unique[start:start + _IN_CHUNK]
            for row in self._session.execute(select(_LEAD).where(_LEAD.c.id.in_(chunk))):
                found[row.id] = _lead(row)
        return found

    def next_action_facts(self, lead_ids: Sequence[str]) -> dict[str, NextActionFacts]:
        """What L-40 reads of each lead, by id: a light read of a few columns, no profile."""
        columns = (_LEAD.c.id, _LEAD.c.status, _LEAD.c.lead_score, _LEAD.c.tags, _LEAD.c.next_action_at,
                   _LEAD.c.first_contacted_at, _LEAD.c.last_replied_at)
        found: dict[str, NextActionFacts] = {}
        unique = list(dict.fromkeys(lead_ids))
        for start in range(0, len(unique), _IN_CHUNK):
            for row in self._session.execute(select(*columns).where(_LEAD.c.id.in_(unique[start:start + _IN_CHUNK]))):
                found[row.id] = NextActionFacts(row.id, row.status, row.lead_score, json.loads(row.tags),
                                                _moment(row.next_action_at), row.first_contacted_at, row.last_replied_at)
        return found

    def set_next_actions(self, planned: Sequence[tuple[str, datetime]]) -> None:
        """One UPDATE of the next action of each (lead, when)."""
        if planned:
            statement = update(_LEAD).where(_LEAD.c.id == bindparam("lead_id")).values(next_action_at=bindparam("when"))
            self._session.execute(statement, [{"lead_id": lead_id, "when": _iso(when)} for lead_id, when in planned],
                                  execution_options={"synchronize_session": False})

    def leads_of(self, campaign_id: str) -> list[LeadRecord]:
        """The campaign's leads in import order."""
        query = select(_LEAD).where(_LEAD.c.campaign_id == campaign_id).order_by(_LEAD.c.position)
        return [_lead(row) for row in self._session.execute(query)]

    def newest_lead_by_email(self, email: str) -> Optional[LeadRecord]:
        """L-39: when several campaigns hold the address, the newest lead wins (legacy's order: created_at, then id)."""
        query = (select(_LEAD).where(_LEAD.c.email_key == email_key(email))
                 .order_by(_LEAD.c.created_at.desc(), _LEAD.c.id).limit(1))
        row = self._session.execute(query).first()
        return None if row is None else _lead(row)

    # -- outreach attempts ----------------------------------------------------------------

    def attempts_at_step(self, lead_ids: Sequence[str], step: int) -> dict[tuple[str, str], AttemptRecord]:
        """The leads' attempts of a sequence step by (lead, message hash), the first of each (L-38's idempotency key)."""
        found: dict[tuple[str, str], AttemptRecord] = {}
        unique = list(dict.fromkeys(lead_ids))
        for start in range(0, len(unique), _IN_CHUNK):
            query = select(CamAttemptRecordRow).where(CamAttemptRecordRow.lead_id.in_(unique[start:start + _IN_CHUNK]),
                                                      CamAttemptRecordRow.sequence_step == step)
            for row in self._session.scalars(query):
                found.setdefault((row.lead_id, row.message_hash), _attempt(row))
        return found

    def attempts_between(self, start: datetime, end: datetime) -> list[tuple[str, str]]:
        """(campaign, channel) of every attempt in [start, end), any status (Q-20)."""
        query = select(_ATTEMPT.c.campaign_id, _ATTEMPT.c.channel).where(
            _ATTEMPT.c.attempted_at >= start, _ATTEMPT.c.attempted_at < end)
        return [(row.campaign_id, row.channel) for row in self._session.execute(query)]

    def add_attempts(self, attempts: Sequence[AttemptRecord]) -> None:
        if attempts:
            self._session.execute(insert(_ATTEMPT), [
                {"id": a.attempt_id, "lead_id": a.lead_id, "campaign_id": a.campaign_id, "channel": a.channel,
                 "sequence_step": a.sequence_step, "message_hash": a.message_hash, "subject": a.subject, "body": a.body,
                 "status": a.status, "simulated": a.simulated, "error": a.error, "attempted_at": a.attempted_at}
                for a in attempts
            ])

    # -- replies --------------------------------------------------------------------------

    def add_reply(self, reply: ReplyRecord) -> None:
        self._session.execute(insert(CamReplyRecordRow.__table__), [{
            "id": reply.reply_id, "lead_id": reply.lead_id, "email": reply.email, "received_at": _iso(reply.received_at),
            "body": reply.body, "category": reply.category, "confidence": reply.confidence,
            "processed_at": reply.processed_at,
        }])

    def reply(self, reply_id: str) -> Optional[ReplyRecord]:
        row = self._session.get(CamReplyRecordRow, reply_id)
        if row is None:
            return None
        return ReplyRecord(row.id, row.lead_id, row.email, datetime.fromisoformat(row.received_at), row.body,
                           row.category, row.confidence, row.processed_at)
