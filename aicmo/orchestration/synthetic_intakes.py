"""Varied client intakes from a seed: traffic for shadow comparisons before a promotion.

A shadow route proves little on one intake replayed: the gate wants many comparisons of
different inputs. These intakes vary every field the journey reads (pack, goal, market,
budget, audiences), leave fields out as real clients do, and now and then carry the stock
phrases and placeholders QC exists to catch, so failing and reworked QC rounds are compared
too. Intake `n` of a seed is the same whatever the count asked for.
"""
from __future__ import annotations

import random
import re
from collections.abc import Iterator
from typing import Any

__all__ = ["synthetic_intake_requests"]

_BRANDS = (
    "Harbor Light Coffee", "Northwind Tutors", "Copperleaf Dental", "Bright Trail Bikes", "Nimbus Payroll",
    "Juniper & Sage", "Atlas Movers", "Peakform Gym", "Lumen Solar", "Quill Legal", "Orchard Kids Books",
    "Tidepool Aquatics", "Fernhill Bakery", "Vector Freight", "Saffron Table", "Kestrel Security",
)
_INDUSTRIES = (
    ("Coffee roasting", "Single-origin coffee subscriptions"),
    ("Education", "Online maths tutoring"),
    ("Healthcare", "Family dental clinic"),
    ("Outdoor retail", "E-bikes and repairs"),
    ("B2B software", "Payroll for small teams"),
    ("Home services", "Local moving and storage"),
    ("Fitness", "Strength coaching memberships"),
    ("Energy", "Rooftop solar installation"),
    ("Legal services", "Fixed-fee contracts for startups"),
    ("Publishing", "Picture books for ages 3-7"),
)
_GEOGRAPHIES = ("US", "UK", "EU", "IN", "CA", "AU", "Berlin", "Pacific Northwest")
_AUDIENCES = (
    "Remote workers", "New parents", "Small business owners", "Students", "Retirees", "Weekend cyclists",
    "HR managers", "First-time buyers", "Busy professionals", "Local families",
)
_PAINS = (
    "Too little time", "Prices that change without warning", "Confusing choices", "Slow support",
    "Hidden fees", "Unreliable quality", "No one explains the options",
)
_OUTCOMES = ("More qualified leads", "Repeat purchases", "Brand awareness", "Newsletter sign-ups", "Booked demos", "Bigger baskets")
_OFFERS = ("Free first month", "Money-back guarantee", "Free delivery", "Student discount", "Free consultation")
# what QC looks for (stock phrases, clichés, claims, placeholders): some clients write like this
_HYPE = ("a game changer", "best-in-class service", "guaranteed results", "TBD", "lorem ipsum", "synergy at scale")
_GOALS = ("awareness", "leads", "sales", "engagement", "other")
_PACKS = ("quick_social", "strategy_campaign", "full_funnel")
_TIMELINES = ("30 days", "60 days", "90 days", "6 months", "this quarter")
_BUDGETS = ("1500 GBP", "12000 USD", "20000 EUR", "500 USD", "250000 INR", "8000 AUD")


def _maybe(rng: random.Random, value: Any, share: float = 0.8) -> Any:
    return value if rng.random() < share else None


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def synthetic_intake(seed: int, number: int) -> dict[str, Any]:
    """Intake request `number` of `seed`: a loose request dict, as a client form would send it."""
    rng = random.Random(f"{seed}:{number}")
    brand = rng.choice(_BRANDS)
    industry, product = rng.choice(_INDUSTRIES)
    hype = rng.random() < 0.3
    request: dict[str, Any] = {
        "brand_name": f"{brand} {number + 1}",  # one client per journey
        "website": _maybe(rng, f"https://{_slug(brand)}.example"),
        "industry": _maybe(rng, industry, 0.9),
        "geography": _maybe(rng, rng.choice(_GEOGRAPHIES)),
        "product_service": product + (f", {rng.choice(_HYPE)}" if hype else ""),
        "offers": rng.sample(_OFFERS, rng.randint(0, 2)),
        "target_audiences": rng.sample(_AUDIENCES, rng.randint(0, 3)),
        "pain_points": rng.sample(_PAINS, rng.randint(0, 3)),
        "desired_outcomes": rng.sample(_OUTCOMES, rng.randint(1, 3)),
        "primary_goal": _maybe(rng, rng.choice(_GOALS)),
        "timeline": _maybe(rng, rng.choice(_TIMELINES), 0.7),
        "budget": _maybe(rng, rng.choice(_BUDGETS), 0.7),
        "pack": rng.choice(_PACKS),
        "contact_email": _maybe(rng, f"hello@{_slug(brand)}.example"),
    }
    if hype:
        request["must_include"] = rng.choice(_HYPE)
    return {key: value for key, value in request.items() if value is not None}


def synthetic_intake_requests(seed: int, count: int) -> Iterator[dict[str, Any]]:
    for number in range(count):
        yield synthetic_intake(seed, number)
