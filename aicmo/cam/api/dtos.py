"""CAM's data at the boundary: campaigns, leads and their scores, outreach, replies (spec §10)."""
from __future__ import annotations

from enum import Enum
from typing import Optional

from pydantic import AwareDatetime, Field, model_validator

from aicmo.shared.dto import ContractModel, NonEmptyStr
from aicmo.shared.ids import EntityId
from aicmo.shared.money import Amount

__all__ = [
    "AcquisitionCampaign",
    "Campaign",
    "CampaignId",
    "CampaignMode",
    "CampaignTargets",
    "CompanySize",
    "InboundReply",
    "Lead",
    "LeadConversion",
    "LeadGrade",
    "LeadId",
    "LeadProfile",
    "LeadScore",
    "LeadStatus",
    "LeadTier",
    "NextAction",
    "OutreachAttempt",
    "OutreachAttemptId",
    "OutreachAttemptStatus",
    "OutreachBatch",
    "OutreachOutcome",
    "OutreachResult",
    "OutreachStats",
    "ProcessedReply",
    "ProspectIntake",
    "Qualification",
    "QualificationStatus",
    "RejectionReason",
    "ReplyCategory",
    "ReplyId",
    "RevenueRange",
    "Route",
    "RoutingSequence",
    "ScoringMode",
]

class CampaignId(EntityId):
    """An acquisition campaign."""


class LeadId(EntityId):
    """A lead of a campaign."""


class OutreachAttemptId(EntityId):
    """One outreach attempt."""


class ReplyId(EntityId):
    """One processed inbound reply."""


class CampaignMode(str, Enum):
    """LIVE sends for real; SIMULATION counts every attempt as sent (L-38)."""

    LIVE = "LIVE"
    SIMULATION = "SIMULATION"


class CompanySize(str, Enum):
    """The company size bands, in order; band distance is the index difference (L-32)."""

    S_1_10 = "1-10"
    S_11_50 = "11-50"
    S_51_200 = "51-200"
    S_201_1000 = "201-1000"
    S_1000_PLUS = "1000+"


class LeadTier(str, Enum):
    """The tier by lead score: HOT ≥ 0.85, WARM ≥ 0.65, COOL ≥ 0.40, else COLD (L-34)."""

    HOT = "HOT"
    WARM = "WARM"
    COOL = "COOL"
    COLD = "COLD"


class LeadStatus(str, Enum):
    """A lead's status along the acquisition."""

    NEW = "NEW"
    ENRICHED = "ENRICHED"
    QUALIFIED = "QUALIFIED"
    REJECTED = "REJECTED"
    CONTACTED = "CONTACTED"
    REPLIED = "REPLIED"
    LOST = "LOST"


class QualificationStatus(str, Enum):
    """The qualification outcome (L-35)."""

    QUALIFIED = "QUALIFIED"
    REJECTED = "REJECTED"
    MANUAL_REVIEW = "MANUAL_REVIEW"


class RejectionReason(str, Enum):
    """Why a lead was not qualified (L-35, Q-17); LOW_INTENT goes with MANUAL_REVIEW."""

    LOW_ICP_FIT = "LOW_ICP_FIT"
    INVALID_EMAIL = "INVALID_EMAIL"
    SPAM_EMAIL = "SPAM_EMAIL"
    TEST_EMAIL = "TEST_EMAIL"
    ROLE_EMAIL = "ROLE_EMAIL"
    COMPETITOR = "COMPETITOR"
    FREE_MAIL = "FREE_MAIL"
    MULTIPLE_REASONS = "MULTIPLE_REASONS"
    LOW_INTENT = "LOW_INTENT"


class LeadGrade(str, Enum):
    """The grade from score and what the lead told us (L-37)."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"


class RoutingSequence(str, Enum):
    """The outreach sequence by effective score (L-36)."""

    AGGRESSIVE_CLOSE = "aggressive_close"
    REGULAR_NURTURE = "regular_nurture"
    LONG_TERM_NURTURE = "long_term_nurture"
    COLD_OUTREACH = "cold_outreach"


class ScoringMode(str, Enum):
    """Single scoring against the campaign, or the nightly batch that ignores its targets (Q-16)."""

    SINGLE = "single"
    BATCH = "batch"


class OutreachOutcome(str, Enum):
    """What happened to one send request (L-38, Q-20, Q-21)."""

    SENT = "sent"
    FAILED = "failed"
    DUPLICATE = "duplicate"
    OUTSIDE_WINDOW = "outside_window"
    DAILY_LIMIT = "daily_limit"
    GLOBAL_LIMIT = "global_limit"
    BATCH_LIMIT = "batch_limit"


class OutreachAttemptStatus(str, Enum):
    """A recorded attempt's status."""

    SENT = "SENT"
    FAILED = "FAILED"


class ReplyCategory(str, Enum):
    """A reply's class, first match wins (L-39)."""

    AUTO_REPLY = "AUTO_REPLY"
    OOO = "OOO"
    NEGATIVE = "NEGATIVE"
    POSITIVE = "POSITIVE"
    NEUTRAL = "NEUTRAL"
    UNKNOWN = "UNKNOWN"


class RevenueRange(ContractModel):
    """A company revenue range, both ends included."""

    low: Amount
    """The lower bound."""
    high: Amount
    """The upper bound."""

    @model_validator(mode="after")
    def _ordered(self) -> "RevenueRange":
        if self.low > self.high:
            raise ValueError(f"revenue range low {self.low} is above high {self.high}")
        return self


class CampaignTargets(ContractModel):
    """Who a campaign is after; an empty list or no range means no target (factor 0.5)."""

    company_sizes: tuple[CompanySize, ...] = ()
    """Wanted size bands."""
    industries: tuple[str, ...] = ()
    """Wanted industries."""
    revenue_range: Optional[RevenueRange] = None
    """Wanted revenue."""
    countries: tuple[str, ...] = ()
    """Wanted countries."""
    regions: tuple[str, ...] = ()
    """Wanted regions."""
    target_roles: tuple[str, ...] = ()
    """Wanted job titles."""


class AcquisitionCampaign(ContractModel):
    """A campaign's settings, as in the campaign file."""

    name: NonEmptyStr
    """The campaign's name."""
    mode: CampaignMode = CampaignMode.SIMULATION
    """LIVE or SIMULATION."""
    channels: tuple[NonEmptyStr, ...] = ("email",)
    """Outreach channels; the first is used (email, linkedin, ...)."""
    max_emails_per_day: int = Field(default=20, ge=0)
    """The campaign's daily send limit."""
    targets: CampaignTargets = CampaignTargets()
    """Who it is after."""
    competitor_domains: tuple[str, ...] = ()
    """Mail domains of competitors, rejected."""
    block_free_mail: bool = False
    """Reject free-mail addresses too."""


class Campaign(ContractModel):
    """A created acquisition campaign."""

    campaign_id: CampaignId
    """This campaign."""
    settings: AcquisitionCampaign
    """Its settings."""
    created_at: AwareDatetime
    """When it was created; warm-up counts days from here."""


class LeadProfile(ContractModel):
    """A prospect as read from a leads file."""

    name: str = ""
    """The person's name."""
    email: str = ""
    """The address as given; qualification judges it (it may be invalid)."""
    company: str = ""
    """The company."""
    title: str = ""
    """The job title."""
    company_size: Optional[CompanySize] = None
    """The size band."""
    industry: Optional[str] = None
    """The industry."""
    revenue: Optional[Amount] = None
    """The company's yearly revenue."""
    country: Optional[str] = None
    """The country."""
    region: Optional[str] = None
    """The region."""
    job_change: bool = False
    """Signal: changed jobs recently."""
    funded: bool = False
    """Signal: recently funded."""
    hiring: bool = False
    """Signal: hiring."""
    recent_activity: bool = False
    """Signal: recently active."""
    decision_maker: bool = False
    """Signal: decides purchases."""
    budget_authority: bool = False
    """Signal: holds a budget."""
    budget: Optional[str] = None
    """The budget they told us, free text."""
    timeline: Optional[str] = None
    """Their time frame, free text."""
    pain_points: Optional[str] = None
    """Their problems, free text."""


class LeadScore(ContractModel):
    """A lead's scores (L-32..L-34)."""

    icp_fit: float = Field(ge=0, le=1)
    """Fit to the campaign's ideal customer profile."""
    opportunity: float = Field(ge=0, le=1)
    """Title, seniority and signals."""
    lead_score: float = Field(ge=0, le=1)
    """The mean of the two."""
    tier: LeadTier
    """The tier by lead score."""


class Qualification(ContractModel):
    """A lead's qualification outcome (L-35)."""

    status: QualificationStatus
    """The outcome."""
    reason: Optional[RejectionReason] = None
    """Why not qualified; None when qualified."""
    intent_score: Optional[float] = Field(default=None, ge=0, le=1)
    """The intent score; None when the score gate rejected first."""


class Route(ContractModel):
    """An outreach sequence (L-36)."""

    sequence: RoutingSequence
    """The sequence."""
    duration_days: int = Field(ge=1)
    """How long it runs."""
    send_days: tuple[int, ...]
    """The days, from 0, on which it sends."""


class Lead(ContractModel):
    """A lead of a campaign and everything the acquisition found out about it."""

    lead_id: LeadId
    """This lead."""
    campaign_id: CampaignId
    """Its campaign."""
    profile: LeadProfile
    """What the leads file said."""
    score: Optional[LeadScore] = None
    """Its scores; None before scoring."""
    tags: tuple[str, ...] = ()
    """Tags in the order added: the tier, warm, replied, converted, ..."""
    status: LeadStatus
    """Where it stands."""
    qualification: Optional[Qualification] = None
    """The qualification outcome; None before qualifying."""
    grade: Optional[LeadGrade] = None
    """The grade; None before grading."""
    routing_sequence: Optional[RoutingSequence] = None
    """The sequence it was routed to."""
    notes: str = ""
    """Operator notes (Q-18 prefix, Q-19 overwrite included)."""
    next_action_at: Optional[AwareDatetime] = None
    """When to touch it next (L-40)."""
    first_contacted_at: Optional[AwareDatetime] = None
    """First successful send."""
    last_contacted_at: Optional[AwareDatetime] = None
    """Last successful send."""
    last_replied_at: Optional[AwareDatetime] = None
    """Last reply; legacy never writes it (Q-22)."""
    created_at: AwareDatetime
    """When it was imported."""


class OutreachBatch(ContractModel):
    """One sequence step to send to several leads, counted against the batch cap (L-38)."""

    campaign_id: CampaignId
    """The campaign."""
    lead_ids: tuple[LeadId, ...]
    """The leads, in sending order."""
    sequence_step: int = Field(default=0, ge=0)
    """The sequence step, from 0."""
    channel: NonEmptyStr = "email"
    """The channel."""


class OutreachAttempt(ContractModel):
    """A recorded send attempt."""

    attempt_id: OutreachAttemptId
    """This attempt."""
    lead_id: LeadId
    """The lead."""
    campaign_id: CampaignId
    """The campaign."""
    channel: str
    """The channel."""
    sequence_step: int = Field(ge=0)
    """The step."""
    message_hash: str
    """The message's hash; with lead and step, the idempotency key (L-38)."""
    subject: str
    """The subject."""
    body: str
    """The body."""
    status: OutreachAttemptStatus
    """Sent or failed."""
    simulated: bool
    """True for a SIMULATION campaign."""
    error: Optional[str] = None
    """Why it failed."""
    attempted_at: AwareDatetime
    """When."""


class OutreachResult(ContractModel):
    """What one send request did."""

    lead_id: LeadId
    """The lead."""
    outcome: OutreachOutcome
    """The outcome."""
    attempt: Optional[OutreachAttempt] = None
    """The attempt recorded, or the earlier one for a duplicate (Q-21); None when a limit stopped it."""


class InboundReply(ContractModel):
    """A reply as read from a replies file."""

    email: NonEmptyStr
    """The sender's address."""
    received_at: AwareDatetime
    """When it arrived."""
    body: str = ""
    """The text."""


class ProcessedReply(ContractModel):
    """A classified reply and the lead it belongs to (L-39)."""

    reply_id: ReplyId
    """This reply."""
    email: str
    """The sender's address."""
    lead_id: Optional[LeadId] = None
    """The newest lead with that address; None when unknown."""
    category: ReplyCategory
    """Its class."""
    confidence: float = Field(ge=0, le=1)
    """The class's confidence."""
    received_at: AwareDatetime
    """When it arrived."""
    processed_at: AwareDatetime
    """When it was processed."""


class NextAction(ContractModel):
    """When to touch a lead next, and whether to stop (L-40, Q-23)."""

    lead_id: LeadId
    """The lead."""
    next_action_at: Optional[AwareDatetime] = None
    """When; None when there is nothing to schedule."""
    stop: bool
    """True when the lead must not be contacted again."""


class ProspectIntake(ContractModel):
    """What a converted lead tells onboarding: the intake pre-filled from the lead (L-41)."""

    brand_name: Optional[str] = None
    """The lead's company."""
    contact_email: Optional[str] = None
    """The lead's address."""
    industry: Optional[str] = None
    """The lead's industry."""
    geography: Optional[str] = None
    """The lead's country."""
    pain_points: tuple[str, ...] = ()
    """The lead's pain points, as one entry."""
    pack: str = "strategy_campaign"
    """The pack to propose."""


class LeadConversion(ContractModel):
    """A positive reply from an A or B lead: the lead becomes a client (L-41)."""

    lead_id: LeadId
    """The converted lead."""
    reply_id: ReplyId
    """The reply that converted it."""
    intake: ProspectIntake
    """The intake to onboard the client with."""


class OutreachStats(ContractModel):
    """Counts of one outreach run, the input of the outreach efficiency (L-25)."""

    sent: int = Field(ge=0)
    """Attempts sent."""
    failed: int = Field(ge=0)
    """Attempts failed."""
    replies: int = Field(ge=0)
    """Replies from known leads."""

