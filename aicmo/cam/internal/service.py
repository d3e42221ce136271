"""The cam port, implemented by cam's own rules and tables (the new path of the cam route).

Every step works on whole sets of leads: one unit of work per call, the leads read by one query,
the rules run as plain functions over the records, the changes written by one statement. Ids
are drawn where legacy draws them, in legacy's order (one uuid4 per campaign, lead, attempt
and reply), so a reproducible run mints the same ids on both paths.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Optional, TypeVar

import attrs
from pydantic import TypeAdapter
from sqlalchemy import insert

from aicmo.cam.api import (
    AcquisitionCampaign,
    Campaign,
    CampaignId,
    CampaignMode,
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
    ProspectIntake,
    ReplyId,
    ReplyNotFound,
    ScoringMode,
)
from aicmo.cam.internal import events, steps
from aicmo.cam.internal.model import AttemptRecord, CampaignRecord, LeadRecord, ReplyRecord
from aicmo.cam.internal.rules import outreach
from aicmo.cam.internal.rules.next_action import next_action_at, should_stop
from aicmo.cam.internal.rules.replies import classify_reply
from aicmo.cam.internal.rules.tags import with_tag
from aicmo.cam.internal.rules.targets import NO_TARGETS, targets_of
from aicmo.cam.internal.tables import CamOutboxRow
from aicmo.cam.internal.translation import campaign_dto, lead_dto, reply_dto, result_dto
from aicmo.cam.internal.unit_of_work import CamUnitOfWork
from aicmo.shared.clock import Clock
from aicmo.shared.compensation import Compensation, CompensationStatus
from aicmo.shared.events import IntegrationEvent
from aicmo.shared.ids import ClientId
from aicmo.shared.persistence.idempotency import value_fingerprint
from aicmo.shared.seeded_uuid import ids_drawn

__all__ = ["CamService", "IdSource"]

T = TypeVar("T")
# (what the id names, the command's idempotency key, the how-many-th of the command) -> a new id
IdSource = Callable[[str, str, int], str]
# a campaign cam's tables do not hold, as the answering path gives it (a shadow candidate's, see descriptor.py)
CampaignSource = Callable[[str], Campaign]

CONVERTIBLE_GRADES = frozenset({"A", "B"})
CANCEL = "cancel_project"
_LEADS = TypeAdapter(tuple[Lead, ...])
_RESULTS = TypeAdapter(tuple[OutreachResult, ...])
_SEND_PAGE = 1000  # leads a send reads at a time: a send to 100,000 leads never holds all their records
_CONVERSION = TypeAdapter(Optional[LeadConversion])


def _event_rows(raised: Sequence[IntegrationEvent]) -> list[dict[str, Any]]:
    return [{"event_id": str(e.event_id), "event_type": type(e).__name__, "payload": e.model_dump_json(),
             "occurred_at": e.occurred_at} for e in raised]


class CamService:
    """CamPort over cam's unit of work."""

    def __init__(self, unit_of_work: Callable[[], CamUnitOfWork], clock: Clock, new_id: IdSource,
                 campaigns: Optional[CampaignSource] = None) -> None:
        self._unit_of_work, self._clock, self._new_id = unit_of_work, clock, new_id
        self._campaigns = campaigns

    def _adopt_campaign(self, campaign_id: str) -> None:
        """Take in a campaign the answering path holds and cam's tables do not (a shadow candidate only).

        Under shadow legacy created the campaign; the candidate, in its rolled-back transaction,
        records it as legacy gives it, asked before cam's own unit of work opens, so that the
        batch it is compared on scores and qualifies against the same settings.
        """
        if self._campaigns is None:
            return
        with self._unit_of_work() as uow:
            if uow.records.campaign(str(campaign_id)) is not None:
                return
        campaign = self._campaigns(str(campaign_id))  # CampaignNotFound as the answering path says it
        with self._unit_of_work().for_writing() as uow:
            uow.records.add_campaign(CampaignRecord(str(campaign.campaign_id), campaign.settings, campaign.created_at))
            uow.commit()

    # -- helpers --------------------------------------------------------------------------

    def _keyed(self, method: str, key: str, request: Any, answer: TypeAdapter, run: Callable[[CamUnitOfWork, str], Any]) -> Any:
        """Run ``run`` once per key: its effect and its answer commit together; a replay answers as the first call."""
        fingerprint = value_fingerprint(request)
        with self._unit_of_work().for_writing() as uow:
            stored = uow.answers.replay(method, key, fingerprint)
            if stored is not None:
                return answer.validate_json(stored)
            result = run(uow, key)
            uow.answers.record(method, key, fingerprint, answer.dump_json(result).decode(), ids_drawn(), self._clock.now())
            uow.commit()
        return result

    @staticmethod
    def _campaign(uow: CamUnitOfWork, campaign_id: str) -> CampaignRecord:
        campaign = uow.records.campaign(str(campaign_id))
        if campaign is None:
            raise CampaignNotFound(f"campaign {campaign_id} not found", campaign_id=str(campaign_id))
        return campaign

    @staticmethod
    def _leads(uow: CamUnitOfWork, lead_ids: Sequence[str], campaign_id: Optional[str] = None) -> list[LeadRecord]:
        """The leads in the order asked; the first unknown one (or one of another campaign) is LeadNotFound."""
        found = uow.records.leads([str(i) for i in lead_ids])
        leads = []
        for lead_id in map(str, lead_ids):
            lead = found.get(lead_id)
            if lead is None or (campaign_id is not None and lead.campaign_id != str(campaign_id)):
                raise LeadNotFound(f"lead {lead_id} not found", lead_id=lead_id)
            leads.append(lead)
        return leads

    def _leads_in_pages(
        self, uow: CamUnitOfWork, lead_ids: Sequence[str], campaign_id: str, step: int,
        earlier: dict[tuple[str, str], AttemptRecord], made: list[AttemptRecord],
    ) -> Iterator[LeadRecord]:
        """The leads of a send in the order asked, read a page at a time, each page's contacted leads written back.

        A send to every qualified lead of a large campaign would otherwise hold all their records
        at once. ``earlier`` gains each page's attempts of ``step`` (the ones ``made`` in this
        call, put there as made, kept); a lead asked twice is read again on a later page after
        the first page's changes are written, as the single read would have shown it.
        """
        for start in range(0, len(lead_ids), _SEND_PAGE):
            records = self._leads(uow, lead_ids[start:start + _SEND_PAGE], campaign_id)
            for key, attempt in uow.records.attempts_at_step([lead.lead_id for lead in records], step).items():
                earlier.setdefault(key, attempt)
            yield from records
            contacted = {a.lead_id for a in made}
            uow.records.update_leads(list({id(lead): lead for lead in records if lead.lead_id in contacted}.values()))

    @staticmethod
    def _events(uow: CamUnitOfWork, raised: Sequence[IntegrationEvent]) -> None:
        if raised:
            uow.session.execute(insert(CamOutboxRow.__table__), _event_rows(raised))

    def _new_leads(self, uow: CamUnitOfWork, campaign_id: str, profiles: Sequence[LeadProfile], key: str) -> list[LeadRecord]:
        """New leads, status NEW, one id each in file order (legacy's insert order), each stamped by the clock."""
        first = uow.records.next_position(campaign_id)
        return [LeadRecord(lead_id=self._new_id("lead", key, n), campaign_id=campaign_id, position=first + n,
                           profile=profile, created_at=self._clock.now())
                for n, profile in enumerate(profiles)]

    # -- campaigns and leads --------------------------------------------------------------

    def create_campaign(self, campaign: AcquisitionCampaign, idempotency_key: str) -> Campaign:
        def run(uow: CamUnitOfWork, key: str) -> Campaign:
            record = CampaignRecord(self._new_id("campaign", key, 0), campaign, self._clock.now())
            uow.records.add_campaign(record)
            return campaign_dto(record)

        return self._keyed("create_campaign", idempotency_key, campaign, TypeAdapter(Campaign), run)

    def get_campaign(self, campaign_id: CampaignId) -> Campaign:
        with self._unit_of_work() as uow:
            return campaign_dto(self._campaign(uow, campaign_id))

    def import_leads(self, campaign_id: CampaignId, leads: tuple[LeadProfile, ...], idempotency_key: str) -> tuple[Lead, ...]:
        def run(uow: CamUnitOfWork, key: str) -> tuple[Lead, ...]:
            self._campaign(uow, campaign_id)
            records = self._new_leads(uow, str(campaign_id), leads, key)
            uow.records.add_leads(records)
            return tuple(lead_dto(lead) for lead in records)

        return self._keyed("import_leads", idempotency_key, (campaign_id, leads), _LEADS, run)

    def import_lead_batch(self, campaign_id: CampaignId, leads: tuple[LeadProfile, ...], mode: ScoringMode,
                          idempotency_key: str) -> tuple[Lead, ...]:
        """Import, score, qualify, grade and route one batch in one unit of work: one INSERT of the leads as they end."""
        self._adopt_campaign(str(campaign_id))

        def run(uow: CamUnitOfWork, key: str) -> tuple[Lead, ...]:
            campaign = self._campaign(uow, campaign_id)
            targets = targets_of(campaign.settings)
            scoring_targets = NO_TARGETS if ScoringMode(mode) is ScoringMode.BATCH else targets
            records = self._new_leads(uow, campaign.campaign_id, leads, key)
            for lead in records:  # legacy's order: every step over the batch before the next step
                steps.score(lead, scoring_targets)
            for lead in records:
                steps.qualify(lead, targets)
            for lead in records:
                steps.grade(lead)
            for lead in records:
                if lead.qualification_status == "QUALIFIED":
                    steps.route(lead)
            uow.records.add_leads(records)
            now = self._clock.now()
            self._events(uow, [events.lead_qualified(lead, key, now) for lead in records])
            return tuple(lead_dto(lead) for lead in records)

        return self._keyed("import_lead_batch", idempotency_key, (campaign_id, leads, mode), _LEADS, run)

    def score_leads(self, campaign_id: CampaignId, lead_ids: tuple[LeadId, ...], mode: ScoringMode) -> tuple[Lead, ...]:
        with self._unit_of_work().for_writing() as uow:
            campaign = self._campaign(uow, campaign_id)
            records = self._leads(uow, lead_ids, str(campaign_id))
            targets = NO_TARGETS if ScoringMode(mode) is ScoringMode.BATCH else targets_of(campaign.settings)
            for lead in records:
                steps.score(lead, targets)
            uow.records.update_leads(records)
            uow.commit()
        return tuple(lead_dto(lead) for lead in records)

    def qualify_leads(self, campaign_id: CampaignId, lead_ids: tuple[LeadId, ...], idempotency_key: str) -> tuple[Lead, ...]:
        def run(uow: CamUnitOfWork, key: str) -> tuple[Lead, ...]:
            targets = targets_of(self._campaign(uow, campaign_id).settings)
            records = self._leads(uow, lead_ids, str(campaign_id))
            for lead in records:
                steps.qualify(lead, targets)
            uow.records.update_leads(records)
            now = self._clock.now()
            self._events(uow, [events.lead_qualified(lead, key, now) for lead in records])
            return tuple(lead_dto(lead) for lead in records)

        return self._keyed("qualify_leads", idempotency_key, (campaign_id, lead_ids), _LEADS, run)

    def grade_leads(self, lead_ids: tuple[LeadId, ...]) -> tuple[Lead, ...]:
        with self._unit_of_work().for_writing() as uow:
            records = self._leads(uow, lead_ids)
            for lead in records:
                steps.grade(lead)
            uow.records.update_leads(records)
            uow.commit()
        return tuple(lead_dto(lead) for lead in records)

    def route_lead(self, lead_id: LeadId) -> Lead:
        with self._unit_of_work().for_writing() as uow:
            (lead,) = self._leads(uow, (lead_id,))
            steps.route(lead)
            uow.records.update_leads([lead])
            uow.commit()
        return lead_dto(lead)

    def get_lead(self, lead_id: LeadId) -> Lead:
        with self._unit_of_work() as uow:
            (lead,) = self._leads(uow, (lead_id,))
        return lead_dto(lead)

    def get_leads(self, lead_ids: tuple[LeadId, ...]) -> tuple[Lead, ...]:
        with self._unit_of_work() as uow:
            leads = self._leads(uow, lead_ids)
        return tuple(lead_dto(lead) for lead in leads)

    def list_leads(self, campaign_id: CampaignId) -> tuple[Lead, ...]:
        with self._unit_of_work() as uow:
            self._campaign(uow, campaign_id)
            records = uow.records.leads_of(str(campaign_id))
        return tuple(lead_dto(lead) for lead in records)

    # -- outreach -------------------------------------------------------------------------

    def send_outreach(self, batch: OutreachBatch, idempotency_key: str) -> tuple[OutreachResult, ...]:
        """L-38: per lead in order, idempotency, window, global cap, batch cap, campaign limit (Q-20, Q-21)."""
        def run(uow: CamUnitOfWork, key: str) -> tuple[OutreachResult, ...]:
            campaign = self._campaign(uow, batch.campaign_id)
            settings, channel, step = campaign.settings, batch.channel, batch.sequence_step
            day: Optional[dt.datetime] = None
            today: Counter[tuple[str, str]] = Counter()
            made: list[AttemptRecord] = []
            # the attempts of this step so far, the ones this call makes added as made (legacy flushes each)
            earlier: dict[tuple[str, str], AttemptRecord] = {}
            results = []
            for lead in self._leads_in_pages(uow, batch.lead_ids, campaign.campaign_id, step, earlier, made):
                now = self._clock.now()
                subject, body = outreach.build_message(lead.profile.name, lead.profile.company, step)
                digest = outreach.message_hash(subject, body)
                existing = earlier.get((lead.lead_id, digest))
                if existing is not None:
                    results.append(result_dto(lead.lead_id, "duplicate", existing))  # a failed one too
                    continue
                if not outreach.in_window(now):
                    results.append(result_dto(lead.lead_id, "outside_window", None))
                    continue
                start = outreach.utc_day_start(now)
                if start != day:  # the attempts of the clock's day (Q-20: every status counts)
                    day = start
                    today = Counter(uow.records.attempts_between(start, start + dt.timedelta(days=1)))
                    today.update((a.campaign_id, a.channel) for a in made if start <= a.attempted_at < start + dt.timedelta(days=1))
                if sum(today.values()) >= outreach.GLOBAL_DAILY_CAP:
                    results.append(result_dto(lead.lead_id, "global_limit", None))
                    continue
                if len(made) >= outreach.BATCH_CAP:
                    results.append(result_dto(lead.lead_id, "batch_limit", None))
                    continue
                limit = outreach.daily_limit(settings.max_emails_per_day, channel, campaign.created_at, now)
                if today[(campaign.campaign_id, channel)] >= limit:
                    results.append(result_dto(lead.lead_id, "daily_limit", None))
                    continue
                status, simulated, error = _deliver(settings.mode, channel)
                attempt = AttemptRecord(self._new_id("attempt", key, len(made)), lead.lead_id, campaign.campaign_id,
                                        channel, step, digest, subject, body, status, simulated, error, now)
                made.append(attempt)
                earlier[(lead.lead_id, digest)] = attempt
                today[(campaign.campaign_id, channel)] += 1
                if status == "SENT":
                    lead.status = "CONTACTED"
                    if lead.first_contacted_at is None:
                        lead.first_contacted_at = now
                    lead.last_contacted_at = now
                results.append(result_dto(lead.lead_id, "sent" if status == "SENT" else "failed", attempt))
            uow.records.add_attempts(made)
            at = self._clock.now()
            self._events(uow, [events.outreach_attempted(a, key, at) for a in made])
            return tuple(results)

        return self._keyed("send_outreach", idempotency_key, batch, _RESULTS, run)

    # -- replies --------------------------------------------------------------------------

    def process_reply(self, reply: InboundReply, idempotency_key: str) -> ProcessedReply:
        def run(uow: CamUnitOfWork, key: str) -> ProcessedReply:
            category, confidence = classify_reply(reply.body)
            lead = uow.records.newest_lead_by_email(reply.email)
            if lead is not None:
                steps.apply_reply(lead, category, reply.received_at)
                uow.records.update_leads([lead])
            record = ReplyRecord(self._new_id("reply", key, 0), None if lead is None else lead.lead_id, reply.email,
                                 reply.received_at, reply.body or "", category, confidence, self._clock.now())
            uow.records.add_reply(record)
            self._events(uow, [events.reply_received(record.reply_id, lead, category, key, record.processed_at)])
            return reply_dto(record)

        return self._keyed("process_reply", idempotency_key, reply, TypeAdapter(ProcessedReply), run)

    def convert_reply(self, reply_id: ReplyId, idempotency_key: str) -> Optional[LeadConversion]:
        """L-41: the decision and the intake; onboarding creates the client when the caller asks it."""
        def run(uow: CamUnitOfWork, key: str) -> Optional[LeadConversion]:
            reply = uow.records.reply(str(reply_id))
            if reply is None:
                raise ReplyNotFound(f"reply {reply_id} not found", reply_id=str(reply_id))
            lead = None if reply.lead_id is None else uow.records.leads([reply.lead_id]).get(reply.lead_id)
            if lead is None or reply.category != "POSITIVE" or lead.grade not in CONVERTIBLE_GRADES:
                return None
            intake = _intake(lead)
            lead.tags = with_tag(lead.tags, "converted")
            uow.records.update_leads([lead])
            self._events(uow, [events.lead_converted(lead, reply.reply_id, intake, key, self._clock.now())])
            return LeadConversion(lead_id=lead.lead_id, reply_id=reply.reply_id, intake=intake)

        return self._keyed("convert_reply", idempotency_key, reply_id, _CONVERSION, run)

    # -- next actions ---------------------------------------------------------------------

    def plan_next_action(self, lead_id: LeadId, now: dt.datetime) -> NextAction:
        (action,) = self.plan_next_actions((lead_id,), now)
        return action

    def plan_next_actions(self, lead_ids: tuple[LeadId, ...], now: dt.datetime) -> tuple[NextAction, ...]:
        """L-40, Q-23: a reply's follow-up is kept; what is planned is written by one statement."""
        with self._unit_of_work().for_writing() as uow:
            found = uow.records.next_action_facts([str(i) for i in lead_ids])
            actions, planned = [], []
            for lead_id in map(str, lead_ids):
                lead = found.get(lead_id)
                if lead is None:
                    raise LeadNotFound(f"lead {lead_id} not found", lead_id=lead_id)
                when = lead.next_action_at
                if when is None:  # a reply's follow-up is kept
                    when = next_action_at(lead.status, lead.lead_score, lead.tags, now)
                    if when is not None:
                        planned.append((lead_id, when))
                        found[lead_id] = attrs.evolve(lead, next_action_at=when)  # the same lead asked again keeps it
                actions.append(NextAction(lead_id=lead_id, next_action_at=when, stop=should_stop(
                    lead.status, lead.tags, lead.first_contacted_at, lead.last_replied_at, now)))
            uow.records.set_next_actions(planned)
            uow.commit()
        return tuple(actions)

    # -- compensation ---------------------------------------------------------------------

    def cancel_project(self, client_id: ClientId, idempotency_key: str) -> Compensation:
        """cam holds no client project (onboarding owns it, MIGRATION.md): nothing of cam's to undo.

        The composition root (aicmo/orchestration/cam_effects.py) asks onboarding to cancel the
        project and answers with onboarding's compensation.
        """
        return Compensation(action=CANCEL, target_id=str(client_id), status=CompensationStatus.NOTHING_TO_COMPENSATE)

    # -- the legacy view ------------------------------------------------------------------

    def campaign_record(self, campaign_id: str) -> Optional[CampaignRecord]:
        with self._unit_of_work() as uow:
            return uow.records.campaign(campaign_id)

    def lead_records(self, lead_ids: Sequence[str]) -> list[LeadRecord]:
        with self._unit_of_work() as uow:
            found = uow.records.leads(lead_ids)
        return [found[i] for i in dict.fromkeys(lead_ids) if i in found]


def _deliver(mode: CampaignMode, channel: str) -> tuple[str, bool, Optional[str]]:
    """(status, simulated, error): a simulation counts as sent; there is no live provider, so a live send fails."""
    if CampaignMode(mode) is CampaignMode.SIMULATION:
        return "SENT", True, None
    return "FAILED", False, f"no {channel} provider configured"


def _intake(lead: LeadRecord) -> ProspectIntake:
    p = lead.profile
    prefilled = {"brand_name": p.company or None, "contact_email": p.email or None, "industry": p.industry,
                 "geography": p.country, "pain_points": (p.pain_points,) if p.pain_points else ()}
    return ProspectIntake(**{k: v for k, v in prefilled.items() if v is not None})
