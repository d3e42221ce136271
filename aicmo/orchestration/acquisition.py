"""The acquisition run over the CAM port (with onboarding and billing for conversions), in legacy order.

Score, qualify, grade, route and send step 0 to the qualified leads, process the replies,
convert the positive ones into signed clients, then plan each lead's next action.
"""
from __future__ import annotations

from dataclasses import dataclass

from aicmo.billing.api import Proposal
from aicmo.cam.api import (
    AcquisitionCampaign,
    Campaign,
    InboundReply,
    Lead,
    LeadConversion,
    LeadProfile,
    NextAction,
    OutreachBatch,
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

__all__ = ["AcquisitionOutcome", "Conversion", "run_acquisition"]

FIRST_STEP = 0


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
    outreach: dict[str, OutreachResult]
    next_actions: dict[str, NextAction]
    replies: tuple[ProcessedReply, ...]
    conversions: tuple[Conversion, ...]
    efficiency: OutreachEfficiency


def run_acquisition(
    ports: ModulePorts,
    campaign: AcquisitionCampaign,
    leads: tuple[LeadProfile, ...],
    replies: tuple[InboundReply, ...],
    batch: bool = False,
    clock: Clock = SystemClock(),
) -> AcquisitionOutcome:
    cam, keys = ports.cam, RunKeys("acquisition")
    created = cam.create_campaign(campaign, keys("campaign"))
    campaign_id = created.campaign_id
    lead_ids = tuple(lead.lead_id for lead in cam.import_leads(campaign_id, leads, keys("import")))
    cam.score_leads(campaign_id, lead_ids, ScoringMode.BATCH if batch else ScoringMode.SINGLE)
    cam.qualify_leads(campaign_id, lead_ids, keys("qualify"))
    graded = cam.grade_leads(lead_ids)
    qualified = tuple(
        lead.lead_id for lead in graded if lead.qualification and lead.qualification.status is QualificationStatus.QUALIFIED
    )
    for lead_id in qualified:
        cam.route_lead(lead_id)
    outreach: dict[str, OutreachResult] = {}
    if qualified:
        channel = campaign.channels[0] if campaign.channels else "email"
        batch_of_sends = OutreachBatch(campaign_id=campaign_id, lead_ids=qualified, sequence_step=FIRST_STEP, channel=channel)
        outreach = {str(r.lead_id): r for r in cam.send_outreach(batch_of_sends, keys("send"))}

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
    now = clock.now()
    next_actions = {str(lead_id): cam.plan_next_action(lead_id, now) for lead_id in lead_ids}
    return AcquisitionOutcome(
        campaign=created,
        batch=batch,
        leads=cam.list_leads(campaign_id),
        outreach=outreach,
        next_actions=next_actions,
        replies=processed,
        conversions=tuple(conversions),
        efficiency=efficiency,
    )
