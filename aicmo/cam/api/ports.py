"""CAM's port: the acquisition steps, each over the campaign's own leads."""
from __future__ import annotations

from typing import Optional, Protocol, runtime_checkable

from pydantic import AwareDatetime

from aicmo.cam.api.dtos import (
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
from aicmo.shared.compensation import Compensation
from aicmo.shared.dto import IdempotencyKey
from aicmo.shared.ids import ClientId

__all__ = ["CamPort"]


@runtime_checkable
class CamPort(Protocol):
    """What other modules and the orchestration may ask of client acquisition."""

    def create_campaign(self, campaign: AcquisitionCampaign, idempotency_key: IdempotencyKey) -> Campaign:
        """Register an acquisition campaign."""
        ...

    def get_campaign(self, campaign_id: CampaignId) -> Campaign:
        """A campaign; CampaignNotFound when unknown."""
        ...

    def import_leads(
        self, campaign_id: CampaignId, leads: tuple[LeadProfile, ...], idempotency_key: IdempotencyKey
    ) -> tuple[Lead, ...]:
        """Add leads to the campaign, status NEW, in file order."""
        ...

    def score_leads(self, campaign_id: CampaignId, lead_ids: tuple[LeadId, ...], mode: ScoringMode) -> tuple[Lead, ...]:
        """ICP fit, opportunity, lead score and tier; batch mode ignores the targets (L-32..L-34, Q-15, Q-16)."""
        ...

    def qualify_leads(
        self, campaign_id: CampaignId, lead_ids: tuple[LeadId, ...], idempotency_key: IdempotencyKey
    ) -> tuple[Lead, ...]:
        """Score gate, e-mail checks and intent; each run appends a note (L-35, Q-17, Q-18)."""
        ...

    def import_lead_batch(
        self, campaign_id: CampaignId, leads: tuple[LeadProfile, ...], mode: ScoringMode, idempotency_key: IdempotencyKey
    ) -> tuple[Lead, ...]:
        """Import, score, qualify, grade and route one batch of leads in one transaction: all of it lands or none."""
        ...

    def grade_leads(self, lead_ids: tuple[LeadId, ...]) -> tuple[Lead, ...]:
        """Grade A..D from score, budget, timeline and pain points (L-37)."""
        ...

    def route_lead(self, lead_id: LeadId) -> Lead:
        """Pick the outreach sequence by effective score (L-36, Q-19)."""
        ...

    def send_outreach(self, batch: OutreachBatch, idempotency_key: IdempotencyKey) -> tuple[OutreachResult, ...]:
        """Send one sequence step to each lead behind the safety limits (L-38, Q-20, Q-21)."""
        ...

    def process_reply(self, reply: InboundReply, idempotency_key: IdempotencyKey) -> ProcessedReply:
        """Classify a reply and update its lead (L-39, Q-22)."""
        ...

    def convert_reply(self, reply_id: ReplyId, idempotency_key: IdempotencyKey) -> Optional[LeadConversion]:
        """A positive reply from an A or B lead converts it; None otherwise (L-41)."""
        ...

    def plan_next_action(self, lead_id: LeadId, now: AwareDatetime) -> NextAction:
        """When to touch the lead next (kept when already set) and whether to stop (L-40, Q-23)."""
        ...

    def plan_next_actions(self, lead_ids: tuple[LeadId, ...], now: AwareDatetime) -> tuple[NextAction, ...]:
        """plan_next_action for each lead, in one transaction."""
        ...

    def get_lead(self, lead_id: LeadId) -> Lead:
        """A lead; LeadNotFound when unknown."""
        ...

    def list_leads(self, campaign_id: CampaignId) -> tuple[Lead, ...]:
        """The campaign's leads in import order; CampaignNotFound when unknown."""
        ...

    def get_leads(self, lead_ids: tuple[LeadId, ...]) -> tuple[Lead, ...]:
        """The leads asked, in the order asked (a page of a large campaign); LeadNotFound for an unknown one."""
        ...

    def cancel_project(self, client_id: ClientId, idempotency_key: IdempotencyKey) -> Compensation:
        """Compensates onboarding's onboard_client and advance_project, and strategy's draft and approval.

        The client project is a cam_campaigns row of kind "project" (spec section 11), so the
        module that owns that table marks it CANCELLED; an unknown client is a no-op.
        """
        ...
