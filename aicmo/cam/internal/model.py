"""cam's records: a campaign, a lead (changed in place by the acquisition steps, as legacy's rows are), an attempt, a reply."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

import attrs

from aicmo.cam.api import AcquisitionCampaign, LeadProfile
from aicmo.cam.internal.rules.facts import Facts, facts_of

__all__ = ["AttemptRecord", "CampaignRecord", "LeadRecord", "NextActionFacts", "ReplyRecord"]


@attrs.frozen
class CampaignRecord:
    campaign_id: str
    settings: AcquisitionCampaign
    created_at: datetime


@attrs.define(slots=True, eq=False)
class LeadRecord:
    lead_id: str
    campaign_id: str
    position: int
    profile: LeadProfile
    created_at: datetime
    icp_fit: Optional[float] = None
    opportunity: Optional[float] = None
    lead_score: Optional[float] = None
    tier: Optional[str] = None
    tags: list[str] = attrs.Factory(list)
    status: str = "NEW"
    qualification_status: Optional[str] = None
    rejection_reason: Optional[str] = None
    intent_score: Optional[float] = None
    grade: Optional[str] = None
    routing_sequence: Optional[str] = None
    notes: str = ""
    next_action_at: Optional[datetime] = None  # aware, in the offset it was set in
    first_contacted_at: Optional[datetime] = None
    last_contacted_at: Optional[datetime] = None
    last_replied_at: Optional[datetime] = None
    _facts: Optional[Facts] = None

    @property
    def facts(self) -> Facts:
        """The profile as the rules read it, made once."""
        if self._facts is None:
            self._facts = facts_of(self.profile)
        return self._facts


@attrs.frozen(slots=True)
class NextActionFacts:
    """What planning a lead's next action reads of it (L-40, Q-23)."""

    lead_id: str
    status: str
    lead_score: Optional[float]
    tags: list[str]
    next_action_at: Optional[datetime]
    first_contacted_at: Optional[datetime]
    last_replied_at: Optional[datetime]


@attrs.frozen
class AttemptRecord:
    attempt_id: str
    lead_id: str
    campaign_id: str
    channel: str
    sequence_step: int
    message_hash: str
    subject: str
    body: str
    status: str
    simulated: bool
    error: Optional[str]
    attempted_at: datetime


@attrs.frozen
class ReplyRecord:
    reply_id: str
    lead_id: Optional[str]
    email: str
    received_at: datetime  # aware, in the offset it arrived in
    body: str
    category: str
    confidence: float
    processed_at: datetime
