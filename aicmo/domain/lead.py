"""LeadSnapshot: a prospect as read from a leads file (spec section 10)."""
from __future__ import annotations

from typing import Optional

from pydantic import BaseModel


class LeadSnapshot(BaseModel):
    name: str = ""
    email: str = ""
    company: str = ""
    title: str = ""
    company_size: Optional[str] = None
    industry: Optional[str] = None
    revenue: Optional[float] = None
    country: Optional[str] = None
    region: Optional[str] = None
    job_change: bool = False
    funded: bool = False
    hiring: bool = False
    recent_activity: bool = False
    decision_maker: bool = False
    budget_authority: bool = False
    budget: Optional[str] = None
    timeline: Optional[str] = None
    pain_points: Optional[str] = None
