"""The acquisition run over the CAM port (with onboarding and billing for conversions), in legacy order.

Score, qualify, grade, route and send step 0 to the qualified leads, process the replies,
convert the positive ones into signed clients, then plan each lead's next action.

The leads go in batches of ``batch_size``: each batch is imported, scored, qualified, graded
and routed in one transaction, so an interrupted run leaves whole batches only. The leads come
from a source read batch by batch (a file of any size is never held whole), and of each
imported batch the run keeps only what the sends and the plans need: each lead's id and
whether it qualified. Run again with
``resume`` (the campaign's id) and it checks that the campaign holds the file's first leads and
imports the rest; nothing is imported twice. A file no bigger than one batch runs exactly as
the step-by-step legacy order, since every step there works lead by lead.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Optional, Protocol, Union

from pydantic import BaseModel, ConfigDict

from aicmo.billing.api import Proposal
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
    OutreachOutcome,
    OutreachResult,
    OutreachStats,
    ProcessedReply,
    QualificationStatus,
    ScoringMode,
)
from aicmo.onboarding.api import ClientIntake, ClientProject
from aicmo.orchestration.keys import RunKeys
from aicmo.orchestration.ports import ModulePorts
from aicmo.reporting.api import OutreachEfficiency
from aicmo.shared.clock import Clock, SystemClock
from aicmo.strangler.evidence.unit_of_work import flushes_comparisons

__all__ = [
    "BATCH_SIZE", "AcquiredRun", "AcquisitionOutcome", "BatchFailed", "Conversion", "ImportBatch", "ImportedLead", "LeadSource",
    "LeadsFileChanged", "LeadsInMemory", "ResumeRefused", "Send", "SentLead", "acquire_leads", "imported_leads", "planned_pages", "run_acquisition",
    "sent_leads",
]

FIRST_STEP = 0
# a commit per 250 leads: big enough that commits stop mattering; small because legacy flushes per
# lead and each flush walks every object the session holds, so a batch costs its size squared;
# 250 ran 5,000 leads in 32 s where 1,000 took 54 s, and an interruption loses seconds of work
BATCH_SIZE = 250
NEXT_ACTION_BATCH = 1000

AfterBatch = Callable[[int, int, str], None]


class ImportedLead(BaseModel):
    """What the run keeps of an imported lead: its id, and whether it qualified (it is then sent step 0)."""

    model_config = ConfigDict(frozen=True)

    lead_id: LeadId
    qualified: bool


def imported_leads(leads: Iterable[Lead]) -> tuple[ImportedLead, ...]:
    return tuple(
        ImportedLead(lead_id=lead.lead_id,
                     qualified=bool(lead.qualification and lead.qualification.status is QualificationStatus.QUALIFIED))
        for lead in leads
    )


# import_lead_batch's arguments, answering with what the run keeps of the batch
ImportBatch = Callable[[CampaignId, tuple[LeadProfile, ...], ScoringMode, str], tuple[ImportedLead, ...]]


class SentLead(BaseModel):
    """What the run keeps of a send: the lead and the outcome (the attempt's message is the port's to keep)."""

    model_config = ConfigDict(frozen=True)

    lead_id: LeadId
    outcome: OutreachOutcome


def sent_leads(results: Iterable[OutreachResult]) -> tuple[SentLead, ...]:
    return tuple(SentLead(lead_id=result.lead_id, outcome=result.outcome) for result in results)


# send_outreach's arguments, answering with its results or (a durable run's checkpoint) what the run keeps of them
Send = Callable[[OutreachBatch, str], Iterable[Union[OutreachResult, SentLead]]]


class LeadSource(Protocol):
    """The leads of a run: how many, and read in batches from a position on."""

    @property
    def total(self) -> int: ...

    def batches(self, size: int, start: int) -> Iterable[tuple[LeadProfile, ...]]: ...


@dataclass(frozen=True)
class LeadsInMemory:
    """Leads already read: a small file, a test's leads."""

    leads: tuple[LeadProfile, ...]

    @property
    def total(self) -> int:
        return len(self.leads)

    def batches(self, size: int, start: int) -> Iterable[tuple[LeadProfile, ...]]:
        return (self.leads[at:at + size] for at in range(start, len(self.leads), size))


class ResumeRefused(ValueError):
    """The campaign to resume does not hold the start of this leads file; bad input."""


class LeadsFileChanged(ResumeRefused):
    """A run continued after a crash finds its leads file missing or changed: its first batches came from other bytes."""


class BatchFailed(RuntimeError):
    """A batch failed; the batches before it are committed and ``--resume`` continues after them."""


@dataclass(frozen=True)
class Conversion:
    """A converted lead: the decision, the client onboarded from it, and its proposal."""

    conversion: LeadConversion
    client: ClientProject
    proposal: Proposal


@dataclass(frozen=True)
class AcquisitionOutcome:
    """What the acquisition run's port calls returned."""

    campaign: Campaign
    batch: bool
    leads: tuple[Lead, ...]
    outreach: dict[str, Union[OutreachResult, SentLead]]  # all a durable run keeps of a send is its SentLead
    next_actions: dict[str, NextAction]
    replies: tuple[ProcessedReply, ...]
    conversions: tuple[Conversion, ...]
    efficiency: OutreachEfficiency


def _resumed(cam, campaign_id: CampaignId, leads: LeadSource, batch_size: int) -> tuple[Campaign, tuple[Lead, ...]]:
    """The campaign and the leads it already holds, which must be this file's first ones."""
    campaign = cam.get_campaign(campaign_id)
    held = cam.list_leads(campaign_id)
    if len(held) > leads.total:
        raise ResumeRefused(f"--resume {campaign_id}: the campaign holds {len(held)} leads, the file only {leads.total}")
    first = tuple(islice((profile for batch in leads.batches(batch_size, 0) for profile in batch), len(held)))
    # compared as multisets: leads of one batch may share an instant and list in any order
    if Counter(lead.profile for lead in held) != Counter(first):
        raise ResumeRefused(f"--resume {campaign_id}: the campaign's leads are not the first {len(held)} of this file")
    # the file's order, not the database's: leads of one batch share an instant, and the ties break by id on a server
    position: dict[LeadProfile, list[int]] = {}
    for n, profile in enumerate(first):
        position.setdefault(profile, []).append(n)
    return campaign, tuple(sorted(held, key=lambda lead: position[lead.profile].pop(0)))


@dataclass(frozen=True)
class AcquiredRun:
    """The run up to its next actions, holding per lead only its id (and the outcome of a send): no Lead DTOs.

    A large campaign's leads are read from here page by page (``cam.get_leads``), never all at once.
    """

    campaign: Campaign
    batch: bool
    lead_ids: tuple[LeadId, ...]  # in import order: the order of the output
    outreach: dict[str, Union[OutreachResult, SentLead]]
    replies: tuple[ProcessedReply, ...]
    conversions: tuple[Conversion, ...]
    efficiency: OutreachEfficiency
    now: Any  # the instant the next actions are planned at


def acquire_leads(
    ports: ModulePorts,
    campaign: AcquisitionCampaign,
    leads: Union[tuple[LeadProfile, ...], LeadSource],
    replies: tuple[InboundReply, ...],
    batch: bool = False,
    clock: Clock = SystemClock(),
    batch_size: int = BATCH_SIZE,
    resume: Optional[CampaignId] = None,
    after_batch: Optional[AfterBatch] = None,
    keys: Optional[RunKeys] = None,
    import_batch: Optional[ImportBatch] = None,
    send: Optional[Send] = None,
) -> AcquiredRun:
    """The run's steps before the next actions (see run_acquisition); the caller plans them and reads the leads."""
    cam, keys = ports.cam, keys or RunKeys("acquisition")
    source: LeadSource = LeadsInMemory(leads) if isinstance(leads, tuple) else leads
    import_batch = import_batch or (lambda *args: imported_leads(cam.import_lead_batch(*args)))
    send = send or cam.send_outreach
    if resume is None:
        created, held = cam.create_campaign(campaign, keys("campaign")), ()
    else:
        created, held = _resumed(cam, resume, source, batch_size)
    campaign_id = created.campaign_id
    mode = ScoringMode.BATCH if batch else ScoringMode.SINGLE
    # only ids are kept (and which qualified): a pydantic object a lead would be most of a large run's memory
    lead_ids: list[LeadId] = []
    qualified: list[LeadId] = []

    def keep(kept: Iterable[ImportedLead]) -> None:
        for lead in kept:
            lead_ids.append(lead.lead_id)
            if lead.qualified:
                qualified.append(lead.lead_id)

    keep(imported_leads(held))
    del held
    total = source.total
    for start, profiles in zip(range(len(lead_ids), total, batch_size), source.batches(batch_size, len(lead_ids))):
        try:
            keep(import_batch(campaign_id, profiles, mode, keys(f"batch:{start}")))
        except Exception as exc:
            raise BatchFailed(
                f"{type(exc).__name__}: {exc}; {start} of {total} leads are in campaign {campaign_id}, "
                f"--resume {campaign_id} imports the rest"
            ) from exc
        if after_batch is not None:
            after_batch(len(lead_ids), total, str(campaign_id))
    outreach: dict[str, Union[OutreachResult, SentLead]] = {}
    if qualified:
        channel = campaign.channels[0] if campaign.channels else "email"
        batch_of_sends = OutreachBatch(campaign_id=campaign_id, lead_ids=tuple(qualified), sequence_step=FIRST_STEP,
                                       channel=channel)
        del qualified
        outreach = {str(r.lead_id): r for r in send(batch_of_sends, keys("send"))}

    processed = tuple(cam.process_reply(reply, keys(f"reply:{n}")) for n, reply in enumerate(replies))
    conversions = []
    for n, reply in enumerate(processed):
        if reply.lead_id is None:
            continue
        decided = cam.convert_reply(reply.reply_id, keys(f"convert:{n}"))
        if decided is not None:
            client = ports.onboarding.onboard_client(ClientIntake(**decided.intake.model_dump()), keys(f"onboard:{n}"))
            proposal = ports.billing.issue_proposal(client.client_id, keys(f"proposal:{n}"))
            conversions.append(Conversion(decided, client, proposal))

    outcomes = [result.outcome.value for result in outreach.values()]
    stats = OutreachStats(sent=outcomes.count("sent"), failed=outcomes.count("failed"),
                          replies=sum(1 for reply in processed if reply.lead_id is not None))
    efficiency = ports.reporting.measure_outreach_efficiency(stats, 0.0)
    return AcquiredRun(campaign=created, batch=batch, lead_ids=tuple(lead_ids), outreach=outreach, replies=processed,
                       conversions=tuple(conversions), efficiency=efficiency, now=clock.now())


def planned_pages(cam: Any, run: AcquiredRun, size: int = NEXT_ACTION_BATCH) -> Iterator[tuple[tuple[LeadId, ...], dict[str, NextAction]]]:
    """Each page of the run's lead ids, in import order, with their next actions planned (a step) by id."""
    for start in range(0, len(run.lead_ids), size):
        page = run.lead_ids[start:start + size]
        yield page, {str(action.lead_id): action for action in cam.plan_next_actions(page, run.now)}


@flushes_comparisons  # the end of the unit of work: its shadow comparisons are written
def run_acquisition(
    ports: ModulePorts,
    campaign: AcquisitionCampaign,
    leads: Union[tuple[LeadProfile, ...], LeadSource],
    replies: tuple[InboundReply, ...],
    batch: bool = False,
    clock: Clock = SystemClock(),
    batch_size: int = BATCH_SIZE,
    resume: Optional[CampaignId] = None,
    after_batch: Optional[AfterBatch] = None,
    keys: Optional[RunKeys] = None,
    import_batch: Optional[ImportBatch] = None,
    send: Optional[Send] = None,
) -> AcquisitionOutcome:
    """The run; ``keys`` gives each step's idempotency key (a durable run passes its workflow's, the same in every process).

    ``import_batch`` imports one batch, ``send`` sends step 0 (a durable run passes steps that
    checkpoint only what the run keeps of them); by default the CAM port's import_lead_batch
    and send_outreach, whose results the outcome then holds whole, as it always has. The
    outcome holds every lead: a run whose output is written page by page (the durable
    command's) calls acquire_leads and planned_pages instead.
    """
    run = acquire_leads(ports, campaign, leads, replies, batch, clock, batch_size, resume, after_batch, keys,
                        import_batch, send)
    cam = ports.cam
    next_actions = {lead_id: action for _, planned in planned_pages(cam, run) for lead_id, action in planned.items()}
    # as imported: the adapter remembers the order of the batches it ran itself only, and a run continued by another
    # process (or --resume) ran the first batches elsewhere
    imported = {lead_id: n for n, lead_id in enumerate(run.lead_ids)}
    return AcquisitionOutcome(
        campaign=run.campaign,
        batch=batch,
        leads=tuple(sorted(cam.list_leads(run.campaign.campaign_id), key=lambda lead: imported.get(lead.lead_id, len(imported)))),
        outreach=run.outreach,
        next_actions=next_actions,
        replies=run.replies,
        conversions=run.conversions,
        efficiency=run.efficiency,
    )
