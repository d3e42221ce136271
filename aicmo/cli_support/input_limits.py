"""How long each field of an input file may be: the boundary models checked before legacy sees a value.

The limits follow the columns the values land in (a lead's name in a VARCHAR(255), its
country in a VARCHAR(80)) and what the journey makes of them (the brand names the delivery
package's file, so it must fit a file name). Unknown fields are left to the readers that
already judge them; these models only refuse what is too long.
"""
from __future__ import annotations

from typing import Annotated, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

__all__ = ["CampaignLimits", "IntakeLimits", "LeadRowLimits", "ReplyRowLimits"]

Name = Annotated[str, StringConstraints(max_length=120)]
Short = Annotated[str, StringConstraints(max_length=80)]
Line = Annotated[str, StringConstraints(max_length=255)]
Paragraph = Annotated[str, StringConstraints(max_length=2000)]
Letter = Annotated[str, StringConstraints(max_length=10000)]
Cell = Annotated[str, StringConstraints(max_length=40)]


class _Limits(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class IntakeLimits(_Limits):
    """An intake's fields once their aliases are resolved; the brand becomes the package's file name."""

    brand_name: Optional[Name] = None
    website: Optional[Line] = None
    industry: Optional[Name] = None
    geography: Optional[Short] = None
    product_service: Optional[Paragraph] = None
    offers: list[Paragraph] = Field(default_factory=list, max_length=50)
    target_audiences: list[Paragraph] = Field(default_factory=list, max_length=50)
    primary_customer: Optional[Paragraph] = None
    pain_points: list[Paragraph] = Field(default_factory=list, max_length=50)
    desired_outcomes: list[Paragraph] = Field(default_factory=list, max_length=50)
    timeline: Optional[Short] = None
    budget: Optional[Short] = None
    constraints: Optional[Paragraph] = None
    must_include: Optional[Paragraph] = None
    do_not_do: Optional[Paragraph] = None
    contact_email: Optional[Line] = None


class CampaignTargetLimits(_Limits):
    company_sizes: list[Cell] = Field(default_factory=list, max_length=20)
    industries: list[Name] = Field(default_factory=list, max_length=200)
    countries: list[Short] = Field(default_factory=list, max_length=300)
    regions: list[Short] = Field(default_factory=list, max_length=300)
    target_roles: list[Line] = Field(default_factory=list, max_length=200)


class CampaignLimits(_Limits):
    """A campaign file; its name lands in a VARCHAR(255) next to the client projects."""

    name: Optional[Line] = None
    channels: list[Cell] = Field(default_factory=list, max_length=20)
    targets: Optional[CampaignTargetLimits] = None
    competitor_domains: list[Line] = Field(default_factory=list, max_length=10000)


class LeadRowLimits(_Limits):
    """One row of a leads file, cells as text; lengths of the cam_leads columns."""

    name: Line = ""
    email: Line = ""
    company: Line = ""
    title: Line = ""
    company_size: Cell = ""
    industry: Name = ""
    revenue: Cell = ""
    country: Short = ""
    region: Short = ""
    job_change: Cell = ""
    funded: Cell = ""
    hiring: Cell = ""
    recent_activity: Cell = ""
    decision_maker: Cell = ""
    budget_authority: Cell = ""
    budget: Short = ""
    timeline: Short = ""
    pain_points: Paragraph = ""


class ReplyRowLimits(_Limits):
    """One row of a replies file, cells as text."""

    email: Line = ""
    received_at: Short = ""
    body: Letter = ""
