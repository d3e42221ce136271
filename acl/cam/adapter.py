"""CamPort over legacy: the acquisition services of backend/services/cam, one step per call."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import literal_column, select
from sqlalchemy.orm import Session

from acl._support.idempotency import DurableIdempotency
from acl._support.legacy_session import legacy_session
from acl.cam.project_cancellation import cancel_project
from acl.cam.times import NextActionMemory
from acl.cam.translation import (
    campaign_from_row,
    campaign_to_legacy,
    lead_from_row,
    profile_to_legacy,
    prospect_from_legacy,
    reply_from_row,
    result_from_legacy,
    stored_campaign,
)
from aicmo.cam.api import (
    AcquisitionCampaign,
    Campaign,
    CampaignId,
    CampaignNotFound,
    InboundReply,
    Lead,
    LeadConversion,
    LeadId,
    LeadNotFound,
    LeadProfile,
    NextAction,
    OutreachBatch,
    OutreachResult,
    ProcessedReply,
    ReplyId,
    ReplyNotFound,
    ScoringMode,
)
from aicmo.shared.compensation import Compensation
from aicmo.shared.ids import ClientId
from backend.db.models import CampaignRow, LeadRow, ReplyRow
from backend.services.cam import (
    conversion,
    grading,
    next_action,
    outreach,
    qualification,
    replies,
    routing,
    scoring,
)
from backend.services.cam.campaigns import create_campaign_row
from backend.services.cam.leads_io import insert_lead

__all__ = ["LegacyCam"]

MODULE = "cam"


def _campaign_row(session: Session, campaign_id: str) -> CampaignRow:
    row = session.get(CampaignRow, str(campaign_id))
    if row is None or row.kind != "acquisition":
        raise CampaignNotFound(f"campaign {campaign_id} not found", campaign_id=str(campaign_id))
    return row


_IN_CHUNK = 500  # ids per IN (...) query: well under SQLite's limit of bound parameters


def _lead_rows(session: Session, lead_ids: tuple[str, ...], campaign_id: Optional[str] = None) -> list[LeadRow]:
    rows = []
    for lead_id in lead_ids:
        row = session.get(LeadRow, str(lead_id))
        if row is None or (campaign_id is not None and row.campaign_id != str(campaign_id)):
            raise LeadNotFound(f"lead {lead_id} not found", lead_id=str(lead_id))
        rows.append(row)
    return rows


class LegacyCam:
    """The CAM port, answered by the legacy acquisition services."""

    def __init__(self) -> None:
        self._idempotency = DurableIdempotency(MODULE)
        # lead ids per campaign in the order they were imported: legacy lists leads in insertion
        # order, which only SQLite's rowid keeps; PostgreSQL has no such column
        self._imported: dict[str, list[str]] = {}
        # SQLite drops the offset of the next action a reply sets (received_at + 3/7 days, in the
        # reply's offset); the legacy flow reports it from memory, offset included. Only the call
        # that handed legacy the time knows it, so the adapter keeps it for its later reads
        # (acl.cam.times explains the choice and the fallback).
        self._next_actions = NextActionMemory()

    def _lead(self, row: LeadRow) -> Lead:
        return lead_from_row(row, self._next_actions)

    def create_campaign(self, campaign: AcquisitionCampaign, idempotency_key: str) -> Campaign:
        def run() -> Campaign:
            legacy = campaign_to_legacy(campaign)
            with legacy_session(MODULE) as session:
                return campaign_from_row(create_campaign_row(session, legacy))

        return self._idempotency.once("create_campaign", idempotency_key, campaign, run)

    def get_campaign(self, campaign_id: CampaignId) -> Campaign:
        with legacy_session(MODULE) as session:
            return campaign_from_row(_campaign_row(session, campaign_id))

    def import_leads(self, campaign_id: CampaignId, leads: tuple[LeadProfile, ...], idempotency_key: str) -> tuple[Lead, ...]:
        def run() -> tuple[Lead, ...]:
            snapshots = [profile_to_legacy(profile) for profile in leads]
            with legacy_session(MODULE) as session:
                row = _campaign_row(session, campaign_id)
                imported = tuple(self._lead(insert_lead(session, row.id, snapshot)) for snapshot in snapshots)
            self._imported.setdefault(str(campaign_id), []).extend(str(lead.lead_id) for lead in imported)
            return imported

        return self._idempotency.once("import_leads", idempotency_key, (campaign_id, leads), run)

    def score_leads(self, campaign_id: CampaignId, lead_ids: tuple[LeadId, ...], mode: ScoringMode) -> tuple[Lead, ...]:
        with legacy_session(MODULE) as session:
            campaign = stored_campaign(_campaign_row(session, campaign_id))
            rows = _lead_rows(session, lead_ids, campaign_id)
            if ScoringMode(mode) is ScoringMode.BATCH:
                scoring.score_leads_batch(session, rows)  # ignores the campaign's targets
            else:
                for row in rows:
                    scoring.score_lead(session, row, campaign)
            return tuple(self._lead(row) for row in rows)

    def qualify_leads(self, campaign_id: CampaignId, lead_ids: tuple[LeadId, ...], idempotency_key: str) -> tuple[Lead, ...]:
        def run() -> tuple[Lead, ...]:
            with legacy_session(MODULE) as session:
                campaign = stored_campaign(_campaign_row(session, campaign_id))
                rows = _lead_rows(session, lead_ids, campaign_id)
                for row in rows:
                    qualification.qualify_lead(session, row, campaign)
                return tuple(self._lead(row) for row in rows)

        return self._idempotency.once("qualify_leads", idempotency_key, (campaign_id, lead_ids), run)

    def import_lead_batch(
        self, campaign_id: CampaignId, leads: tuple[LeadProfile, ...], mode: ScoringMode, idempotency_key: str
    ) -> tuple[Lead, ...]:
        """The steps import_leads .. route_lead make, over one session: a batch commits whole or not at all.

        One commit per batch instead of one per step and per routed lead: on SQLite each commit
        is a write to disk, which is where an unbatched run of a large file spends its time.
        """
        def run() -> tuple[Lead, ...]:
            snapshots = [profile_to_legacy(profile) for profile in leads]
            with legacy_session(MODULE) as session:
                campaign_row = _campaign_row(session, campaign_id)
                campaign = stored_campaign(campaign_row)
                rows = [insert_lead(session, campaign_row.id, snapshot) for snapshot in snapshots]
                if ScoringMode(mode) is ScoringMode.BATCH:
                    scoring.score_leads_batch(session, rows)  # ignores the campaign's targets
                else:
                    for row in rows:
                        scoring.score_lead(session, row, campaign)
                for row in rows:
                    qualification.qualify_lead(session, row, campaign)
                for row in rows:
                    grading.grade_lead(session, row)
                for row in rows:
                    if row.qualification_status == "QUALIFIED":
                        routing.route_lead(session, row)
                batch = tuple(self._lead(row) for row in rows)
            # committed: only now do the leads count as imported for list_leads' order
            self._imported.setdefault(str(campaign_id), []).extend(str(lead.lead_id) for lead in batch)
            return batch

        return self._idempotency.once("import_lead_batch", idempotency_key, (campaign_id, leads, mode), run)

    def grade_leads(self, lead_ids: tuple[LeadId, ...]) -> tuple[Lead, ...]:
        with legacy_session(MODULE) as session:
            rows = _lead_rows(session, lead_ids)
            for row in rows:
                grading.grade_lead(session, row)
            return tuple(self._lead(row) for row in rows)

    def route_lead(self, lead_id: LeadId) -> Lead:
        with legacy_session(MODULE) as session:
            (row,) = _lead_rows(session, (lead_id,))
            routing.route_lead(session, row)
            return self._lead(row)

    def send_outreach(self, batch: OutreachBatch, idempotency_key: str) -> tuple[OutreachResult, ...]:
        def run() -> tuple[OutreachResult, ...]:
            with legacy_session(MODULE) as session:
                campaign_row = _campaign_row(session, batch.campaign_id)
                campaign = stored_campaign(campaign_row)
                rows = _lead_rows(session, batch.lead_ids, batch.campaign_id)
                counter: dict[str, int] = {}  # the batch cap counts across this one batch
                results = []
                for row in rows:
                    sent = outreach.send_outreach(session, row, campaign_row, campaign, batch.sequence_step, batch.channel, counter)
                    results.append(result_from_legacy(row.id, sent.outcome, sent.attempt))
                return tuple(results)

        return self._idempotency.once("send_outreach", idempotency_key, batch, run)

    def process_reply(self, reply: InboundReply, idempotency_key: str) -> ProcessedReply:
        def run() -> ProcessedReply:
            follow_up = None
            with legacy_session(MODULE) as session:
                # held here so the session keeps this very object (its identity map holds clean
                # rows weakly): after the call it still has the value legacy set, not the one stored
                held = replies.find_lead_by_email(session, reply.email)
                row = replies.process_reply(session, reply.email, reply.received_at, reply.body)
                lead = session.get(LeadRow, row.lead_id) if row.lead_id else None
                if lead is held and lead is not None and row.category in replies.FOLLOW_UP_DELAY:
                    follow_up = (lead.id, lead.next_action_at)  # received_at + delay, in the reply's offset
                processed = reply_from_row(row, reply.received_at)
            if follow_up is not None:  # committed: remember it for the later reads of the lead
                self._next_actions.remember(*follow_up)
            return processed

        return self._idempotency.once("process_reply", idempotency_key, reply, run)

    def convert_reply(self, reply_id: ReplyId, idempotency_key: str) -> Optional[LeadConversion]:
        def run() -> Optional[LeadConversion]:
            with legacy_session(MODULE) as session:
                reply = session.get(ReplyRow, str(reply_id))
                if reply is None:
                    raise ReplyNotFound(f"reply {reply_id} not found", reply_id=str(reply_id))
                lead = session.get(LeadRow, reply.lead_id) if reply.lead_id else None
                # legacy convert_reply also creates the client; that is onboarding's port now, so
                # the adapter takes legacy's decision and intake and leaves the client to the caller
                if lead is None or reply.category != "POSITIVE" or lead.grade not in conversion.CONVERTIBLE_GRADES:
                    return None
                intake = conversion.intake_from_lead(lead)
                scoring.add_tag(lead, "converted")
                return LeadConversion(lead_id=lead.id, reply_id=reply.id, intake=prospect_from_legacy(intake))

        return self._idempotency.once("convert_reply", idempotency_key, reply_id, run)

    def plan_next_action(self, lead_id: LeadId, now: datetime) -> NextAction:
        planned = None
        with legacy_session(MODULE) as session:
            (row,) = _lead_rows(session, (lead_id,))
            # a reply (auto reply, out of office) may already have set the next action; keep it
            if row.next_action_at is None:
                row.next_action_at = planned = next_action.next_action_at(row, now)  # in the offset of `now`
            action = NextAction(
                lead_id=row.id,
                next_action_at=planned or self._next_actions.next_action_at(row.id, row.next_action_at),
                stop=next_action.should_stop(row, now),
            )
        self._next_actions.remember(row.id, planned)
        return action

    def plan_next_actions(self, lead_ids: tuple[LeadId, ...], now: datetime) -> tuple[NextAction, ...]:
        planned: list[tuple[str, Optional[datetime]]] = []
        actions = []
        with legacy_session(MODULE) as session:
            for row in _lead_rows(session, lead_ids):
                when = None
                if row.next_action_at is None:  # as plan_next_action: a reply's next action is kept
                    row.next_action_at = when = next_action.next_action_at(row, now)
                actions.append(NextAction(
                    lead_id=row.id,
                    next_action_at=when or self._next_actions.next_action_at(row.id, row.next_action_at),
                    stop=next_action.should_stop(row, now),
                ))
                planned.append((row.id, when))
        for lead_id, when in planned:
            self._next_actions.remember(lead_id, when)
        return tuple(actions)

    def get_lead(self, lead_id: LeadId) -> Lead:
        with legacy_session(MODULE) as session:
            (row,) = _lead_rows(session, (lead_id,))
            return self._lead(row)

    def get_leads(self, lead_ids: tuple[LeadId, ...]) -> tuple[Lead, ...]:
        with legacy_session(MODULE) as session:
            found: dict[str, LeadRow] = {}
            unique = list(dict.fromkeys(map(str, lead_ids)))
            for start in range(0, len(unique), _IN_CHUNK):  # one query a chunk, not one a lead
                found.update((row.id, row) for row in session.scalars(select(LeadRow).where(LeadRow.id.in_(unique[start:start + _IN_CHUNK]))))
            missing = next((lead_id for lead_id in map(str, lead_ids) if lead_id not in found), None)
            if missing is not None:
                raise LeadNotFound(f"lead {missing} not found", lead_id=missing)
            return tuple(self._lead(found[str(lead_id)]) for lead_id in lead_ids)

    def list_leads(self, campaign_id: CampaignId) -> tuple[Lead, ...]:
        with legacy_session(MODULE) as session:
            _campaign_row(session, campaign_id)
            return tuple(self._lead(row) for row in self._in_import_order(session, str(campaign_id)))

    def cancel_project(self, client_id: ClientId, idempotency_key: str) -> Compensation:
        def run() -> Compensation:
            with legacy_session(MODULE) as session:
                return cancel_project(session, str(client_id))

        return self._idempotency.once("cancel_project", idempotency_key, str(client_id), run)

    def _in_import_order(self, session: Session, campaign_id: str) -> list[LeadRow]:
        """The campaign's leads as imported: legacy stamps every lead of one import with the same instant.

        The order this adapter imported them in; for leads imported elsewhere, SQLite's rowid,
        and on another database the id, which only orders them stably.
        """
        tiebreak = literal_column("rowid") if session.get_bind().dialect.name == "sqlite" else LeadRow.id
        rows = list(session.scalars(select(LeadRow).where(LeadRow.campaign_id == campaign_id).order_by(LeadRow.created_at, tiebreak)))
        position = {lead_id: n for n, lead_id in enumerate(self._imported.get(campaign_id, ()))}
        return sorted(rows, key=lambda row: position.get(row.id, len(position)))
