"""Lead scoring: ICP fit, opportunity, lead score and tier (L-32..L-34, Q-15, Q-16).

Each sum is written in legacy's order, term for term: floats added in another order differ
in the last bit, and the tiers and the qualification gate compare against thresholds.
"""
from __future__ import annotations

from typing import Optional

from aicmo.cam.internal.rules.facts import Facts
from aicmo.cam.internal.rules.targets import Targets

__all__ = ["SIZE_BANDS", "icp_fit", "opportunity", "score", "tier_for"]

SIZE_BANDS = ("1-10", "11-50", "51-200", "201-1000", "1000+")
MISSING = 0.5  # L-32: a factor whose input or target is missing

# L-33: checked in this order against the lower-cased title, first hit wins; plain substring
# tests, so "director" hits "cto" and "coordinator" hits "coo"
SENIORITY_KEYWORDS = (
    ("ceo", 1.0), ("cfo", 1.0), ("cto", 1.0), ("coo", 1.0), ("founder", 1.0),
    ("vp", 0.95), ("president", 0.95), ("executive", 0.95),
    ("director", 0.9), ("head", 0.9), ("manager", 0.7), ("lead", 0.65), ("senior", 0.6),
)
DEFAULT_SENIORITY = 0.5
TIER_THRESHOLDS = ((0.85, "HOT"), (0.65, "WARM"), (0.40, "COOL"))


def _norm(value: Optional[str]) -> str:
    return (value or "").strip().lower()


def size_fit(size: Optional[str], targets: tuple[str, ...]) -> float:
    wanted = [SIZE_BANDS.index(t) for t in targets if t in SIZE_BANDS]
    if size not in SIZE_BANDS or not wanted:
        return MISSING
    distance = min(abs(SIZE_BANDS.index(size) - w) for w in wanted)
    if distance == 0:
        return 1.0
    return max(0.5, 1 - 0.2 * distance)


def industry_fit(industry: Optional[str], targets: tuple[str, ...]) -> float:
    value = _norm(industry)
    wanted = [_norm(t) for t in targets if _norm(t)]
    if not value or not wanted:
        return MISSING
    if value in wanted:
        return 1.0
    if any(t in value or value in t for t in wanted):
        return 0.8
    return 0.3


def revenue_fit(revenue: Optional[float], revenue_range: Optional[tuple[float, float]]) -> float:
    if revenue is None or revenue_range is None:
        return MISSING
    low, high = revenue_range
    if low <= revenue <= high:
        return 1.0
    ratio = revenue / low if revenue < low else high / revenue
    return max(0.3, ratio)


def location_fit(country: Optional[str], region: Optional[str], countries: tuple[str, ...], regions: tuple[str, ...]) -> float:
    lead_country, lead_region = _norm(country), _norm(region)
    wanted_countries = [_norm(c) for c in countries]
    wanted_regions = [_norm(r) for r in regions]
    if not (lead_country or lead_region) or not (wanted_countries or wanted_regions):
        return MISSING
    if lead_country and lead_country in wanted_countries:
        return 1.0
    if lead_region and lead_region in wanted_regions:
        return 0.8
    return 0.4


def icp_fit(lead: Facts, t: Targets) -> float:
    """L-32: 0.30 size + 0.30 industry + 0.25 revenue + 0.15 location."""
    return (
        0.30 * size_fit(lead.company_size, t.company_sizes)
        + 0.30 * industry_fit(lead.industry, t.industries)
        + 0.25 * revenue_fit(lead.revenue, t.revenue_range)
        + 0.15 * location_fit(lead.country, lead.region, t.countries, t.regions)
    )


def title_fit(title: str, target_roles: tuple[str, ...]) -> float:
    roles = [_norm(r) for r in target_roles if _norm(r)]
    if not roles:
        return 0.6
    value = _norm(title)
    if not value:
        return 0.3
    if value in roles:
        return 1.0
    if any(r in value or value in r for r in roles):
        return 0.8
    return 0.3


def seniority_score(title: str) -> float:
    value = _norm(title)
    for keyword, points in SENIORITY_KEYWORDS:
        if keyword in value:  # substring, not word, match
            return points
    return DEFAULT_SENIORITY


def signals_score(lead: Facts) -> float:
    points = (
        0.5
        + 0.25 * lead.job_change
        + 0.15 * lead.funded
        + 0.10 * lead.hiring
        + 0.10 * lead.recent_activity
        + 0.15 * lead.decision_maker
        + 0.10 * lead.budget_authority
    )
    return min(1.0, points)


def opportunity(lead: Facts, t: Targets) -> float:
    """L-33: 0.35 title + 0.25 seniority + 0.40 signals."""
    return 0.35 * title_fit(lead.title, t.target_roles) + 0.25 * seniority_score(lead.title) + 0.40 * signals_score(lead)


def tier_for(lead_score: float) -> str:
    for threshold, tier in TIER_THRESHOLDS:
        if lead_score >= threshold:
            return tier
    return "COLD"


def score(lead: Facts, t: Targets) -> tuple[float, float, float, str]:
    """L-34: (icp fit, opportunity, lead score, tier)."""
    fit, chance = icp_fit(lead, t), opportunity(lead, t)
    lead_score = (fit + chance) / 2
    return fit, chance, lead_score, tier_for(lead_score)
