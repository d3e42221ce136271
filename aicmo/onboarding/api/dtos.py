"""Onboarding's data at the boundary: the intake, the brief and the client project (spec §1)."""
from __future__ import annotations

from enum import Enum
from typing import Optional

from pydantic import AwareDatetime

from aicmo.shared.dto import ContractModel
from aicmo.shared.ids import ClientId

__all__ = [
    "BriefGoal",
    "ClientBrief",
    "ClientIntake",
    "ClientProject",
    "IntakeCompleteness",
    "IntakeField",
    "Pack",
    "PrimaryGoal",
    "ProjectState",
]


class Pack(str, Enum):
    """The service pack the client bought."""

    QUICK_SOCIAL = "quick_social"
    STRATEGY_CAMPAIGN = "strategy_campaign"
    FULL_FUNNEL = "full_funnel"


class PrimaryGoal(str, Enum):
    """The goal the client states on the intake."""

    AWARENESS = "awareness"
    LEADS = "leads"
    SALES = "sales"
    ENGAGEMENT = "engagement"
    OTHER = "other"


class BriefGoal(str, Enum):
    """The goal the brief works from: a missing or "other" intake goal becomes Growth (L-01)."""

    AWARENESS = "awareness"
    LEADS = "leads"
    SALES = "sales"
    ENGAGEMENT = "engagement"
    GROWTH = "Growth"


class IntakeField(str, Enum):
    """The eight intake fields the completeness check requires (L-03)."""

    BRAND_NAME = "brand_name"
    WEBSITE = "website"
    INDUSTRY = "industry"
    GEOGRAPHY = "geography"
    PRODUCT_SERVICE = "product_service"
    TARGET_AUDIENCES = "target_audiences"
    PAIN_POINTS = "pain_points"
    DESIRED_OUTCOMES = "desired_outcomes"


class ProjectState(str, Enum):
    """A client project's state: the canonical machine plus the two values legacy rows also hold."""

    CREATED = "CREATED"
    INTAKE_COMPLETE = "INTAKE_COMPLETE"
    STRATEGY_GENERATED = "STRATEGY_GENERATED"
    STRATEGY_APPROVED = "STRATEGY_APPROVED"
    CAMPAIGN_DEFINED = "CAMPAIGN_DEFINED"
    CREATIVE_GENERATED = "CREATIVE_GENERATED"
    QC_FAILED = "QC_FAILED"
    QC_APPROVED = "QC_APPROVED"
    DELIVERED = "DELIVERED"
    STRATEGY_DRAFT = "STRATEGY_DRAFT"
    """Legacy only: what onboarding writes on a new project row (Q-02); never a transition target."""
    REJECTED = "REJECTED"
    """Legacy only: written when the client rejects the review package (Q-10)."""
    CANCELLED = "CANCELLED"
    """The journey that created the project was compensated (cam's cancel_project); final."""


class ClientIntake(ContractModel):
    """What a new client tells us; every field may be missing, as on the legacy intake form."""

    brand_name: Optional[str] = None
    """The client's brand."""
    website: Optional[str] = None
    """The client's web site."""
    industry: Optional[str] = None
    """The client's industry, free text."""
    geography: Optional[str] = None
    """Where the client sells; also picks the tax rate (UK, EU, IN, ...)."""
    product_service: Optional[str] = None
    """What the client sells."""
    offers: tuple[str, ...] = ()
    """Offers to promote."""
    target_audiences: tuple[str, ...] = ()
    """Audiences to reach, most important first."""
    primary_customer: Optional[str] = None
    """The one customer to write for."""
    pain_points: tuple[str, ...] = ()
    """Problems the customers feel."""
    desired_outcomes: tuple[str, ...] = ()
    """What the client wants from the work."""
    primary_goal: Optional[PrimaryGoal] = None
    """The stated goal."""
    timeline: Optional[str] = None
    """The time frame, free text."""
    budget: Optional[str] = None
    """The budget, free text as the client wrote it."""
    constraints: Optional[str] = None
    """Limits the work must respect."""
    must_include: Optional[str] = None
    """What every piece must contain."""
    do_not_do: Optional[str] = None
    """What the work must avoid."""
    pack: Pack = Pack.STRATEGY_CAMPAIGN
    """The pack bought."""
    contact_email: Optional[str] = None
    """Who to write to at the client."""


class ClientBrief(ContractModel):
    """The intake with the silent defaults of L-01 filled in; what strategy and production work from."""

    brand_name: str
    """The brand, "Unknown" when the intake had none."""
    website: str
    """The web site, "" when missing."""
    industry: str
    """The industry, "General" when missing."""
    geography: str
    """The geography, "" when missing."""
    product_service: str
    """What is sold, "Products and services" when missing."""
    offers: tuple[str, ...]
    """Offers to promote."""
    target_audiences: tuple[str, ...]
    """Audiences to reach."""
    primary_customer: str
    """The stated primary customer, else the first audience, else "Target customers"."""
    pain_points: tuple[str, ...]
    """Problems the customers feel."""
    desired_outcomes: tuple[str, ...]
    """What the client wants."""
    primary_goal: BriefGoal
    """The goal, Growth when missing or "other"."""
    timeline: str
    """The time frame, "90 days" when missing."""
    budget: str
    """The budget, "" when missing."""
    constraints: str
    """Constraints, "" when missing."""
    must_include: str
    """Must-include, "" when missing."""
    do_not_do: str
    """Do-not-do, "" when missing."""
    pack: Pack
    """The pack bought."""
    contact_email: str
    """The contact, "" when missing."""


class IntakeCompleteness(ContractModel):
    """Which of the required intake fields are missing (L-03)."""

    missing_fields: tuple[IntakeField, ...]
    """The missing required fields, in the order of the rule."""
    complete: bool
    """True when nothing is missing."""


class ClientProject(ContractModel):
    """A signed client's project: the intake, its brief and where the project stands."""

    client_id: ClientId
    """The client (the legacy project row's id)."""
    name: str
    """The project's name: the brand, "Unknown" without one."""
    description: str
    """The description, with the stamps strategy decisions add (L-08)."""
    state: ProjectState
    """The state as recorded; legacy rows may hold STRATEGY_DRAFT or REJECTED."""
    pack: Pack
    """The pack bought (legacy service_key)."""
    intake: ClientIntake
    """The intake as received."""
    brief: ClientBrief
    """The brief derived from it."""
    created_at: AwareDatetime
    """When the client was onboarded."""
    updated_at: Optional[AwareDatetime] = None
    """When the project last changed."""
