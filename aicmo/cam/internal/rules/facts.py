"""A lead's profile as the plain values legacy's rules read (its LeadSnapshot): band names, revenue as a float."""
from __future__ import annotations

from typing import Optional

import attrs

from aicmo.cam.api import LeadProfile

__all__ = ["Facts", "facts_of"]


@attrs.frozen(slots=True)
class Facts:
    name: str
    email: str
    company: str
    title: str
    company_size: Optional[str]
    industry: Optional[str]
    revenue: Optional[float]
    country: Optional[str]
    region: Optional[str]
    job_change: bool
    funded: bool
    hiring: bool
    recent_activity: bool
    decision_maker: bool
    budget_authority: bool
    budget: Optional[str]
    timeline: Optional[str]
    pain_points: Optional[str]


def facts_of(p: LeadProfile) -> Facts:
    return Facts(
        p.name, p.email, p.company, p.title, None if p.company_size is None else p.company_size.value, p.industry,
        None if p.revenue is None else float(p.revenue), p.country, p.region, p.job_change, p.funded, p.hiring,
        p.recent_activity, p.decision_maker, p.budget_authority, p.budget, p.timeline, p.pain_points,
    )
