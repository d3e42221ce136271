"""The numbers of spec section 10 (CAM, L-32..L-41, Q-15..Q-23), as the spec states them.

The boundary grids of tests/characterization/test_cam_boundaries.py are built from these
constants, so a changed comparison or constant in legacy shows as a changed snapshot;
test_cam_spec_constants.py checks them against legacy's own module constants.
"""
from __future__ import annotations

from datetime import timedelta

# L-32: ICP fit weights, and the value of a factor whose input or target is missing
ICP_WEIGHTS = {"size": 0.30, "industry": 0.30, "revenue": 0.25, "location": 0.15}
MISSING_FACTOR = 0.5
# L-32: the company-size bands in order; band distance is the index difference
SIZE_BANDS = ["1-10", "11-50", "51-200", "201-1000", "1000+"]
SIZE_EXACT = 1.0
SIZE_STEP = 0.2  # lost per band of distance
SIZE_FLOOR = 0.5
# L-32: industry exact / substring / otherwise
INDUSTRY_EXACT, INDUSTRY_SUBSTRING, INDUSTRY_MISS = 1.0, 0.8, 0.3
# L-32: revenue inside the range, else the ratio to the nearer bound with a floor
REVENUE_INSIDE = 1.0
REVENUE_FLOOR = 0.3
# L-32: location same country / same region / otherwise
LOCATION_COUNTRY, LOCATION_REGION, LOCATION_MISS = 1.0, 0.8, 0.4

# L-33: opportunity weights
OPPORTUNITY_WEIGHTS = {"title": 0.35, "seniority": 0.25, "signals": 0.40}
# L-33: title exact / partial / no match / campaign without target roles
TITLE_EXACT, TITLE_PARTIAL, TITLE_MISS, TITLE_NO_ROLES = 1.0, 0.8, 0.3, 0.6
# L-33 (Q-15: substrings of the lower-cased title, first found in this order wins)
SENIORITY_KEYWORDS = [
    ("ceo", 1.0), ("cfo", 1.0), ("cto", 1.0), ("coo", 1.0), ("founder", 1.0),
    ("vp", 0.95), ("president", 0.95), ("executive", 0.95),
    ("director", 0.9), ("head", 0.9),
    ("manager", 0.7),
    ("lead", 0.65),
    ("senior", 0.6),
]
DEFAULT_SENIORITY = 0.5
# L-33: signals score = base + weight per signal present, capped
SIGNALS_BASE = 0.5
SIGNAL_WEIGHTS = {
    "job_change": 0.25, "funded": 0.15, "hiring": 0.10, "recent_activity": 0.10,
    "decision_maker": 0.15, "budget_authority": 0.10,
}
SIGNALS_CAP = 1.0

# L-34: tiers, highest first; below the last one is COLD
TIERS = [(0.85, "HOT"), (0.65, "WARM"), (0.40, "COOL")]
LOWEST_TIER = "COLD"
# batch scoring has no targets: ICP 0.5 and title 0.6 for every lead, so at most 0.68
BATCH_ICP = 0.5
BATCH_MAX_SCORE = 0.68

# L-35: qualification
QUALIFY_THRESHOLD = 0.70
INTENT_WEIGHTS = {
    "job_change": 0.25, "funded": 0.20, "hiring": 0.20, "recent_activity": 0.15,
    "decision_maker": 0.10, "budget_authority": 0.10,
}
LOW_INTENT = 0.2
SPAM_SUBSTRINGS = ["bot", "spam", "mailer", "daemon", "noreply", "verify", "confirm", "alert", "notification"]
TEST_PREFIXES = ["test", "demo"]
ROLE_PREFIXES_NAMED = ["info", "support", "sales", "hello", "admin", "contact"]  # the spec lists these, then "..."

# L-36: routing by effective score (score + bonus with enough signals)
SIGNAL_BONUS = 0.15
SIGNALS_FOR_BONUS = 3
ROUTING_BANDS = [(0.85, "aggressive_close"), (0.70, "regular_nurture"), (0.50, "long_term_nurture")]
LOWEST_ROUTE = "cold_outreach"
SEQUENCES = {
    "aggressive_close": (7, (0, 2, 5)),
    "regular_nurture": (14, (0, 3, 7, 10)),
    "long_term_nurture": (30, (0, 5, 10, 15, 20, 25)),
    "cold_outreach": (60, (0, 7, 14, 21, 28, 35, 42, 49)),
}

# L-37: grade fit = min(cap, score + budget + timeline + pain points)
GRADE_BONUS = {"budget": 0.2, "timeline": 0.1, "pain_points": 0.1}
GRADE_FIT_CAP = 1.0
GRADES = [(0.8, "A"), (0.6, "B"), (0.4, "C")]  # A also needs budget and timeline, else B
LOWEST_GRADE = "D"

# L-38: outreach safety
DEFAULT_MAX_PER_DAY = 20
WARM_UP = {"email": (5, 5, 20), "linkedin": (3, 2, 10)}  # first day, added per day, ceiling
WINDOW_START_HOUR = 9  # UTC, inclusive
WINDOW_END_HOUR = 18  # UTC, exclusive
GLOBAL_DAILY_CAP = 500
BATCH_CAP = 100
TEMPLATE_COUNT = 4  # steps after the last template reuse it

# L-39: replies, first match wins
REPLY_CATEGORIES = [
    ("AUTO_REPLY", 0.9, ["automatic reply", "auto-reply", "do not reply to this"]),
    ("OOO", 0.85, ["away", "out of office", "unavailable"]),
    ("NEGATIVE", 0.85, ["no thanks", "not interested", "unfortunately", "unsubscribe"]),
    ("POSITIVE", 0.75, ["yes", "interested", "call", "meeting", "sounds good"]),
]
NEUTRAL_MIN_LENGTH = 10  # a body longer than this is NEUTRAL
NEUTRAL_CONFIDENCE, UNKNOWN_CONFIDENCE = 0.5, 0.3
FOLLOW_UP_DELAY = {"AUTO_REPLY": timedelta(days=3), "OOO": timedelta(days=7)}

# L-40: next action and stop
NEW_DELAY = timedelta(minutes=5)
ENRICHED_FLOOR_MINUTES = 30
ENRICHED_SPAN_MINUTES = 360  # int(span * (1 - score)) minutes
ENRICHED_UNSCORED_DELAY = timedelta(hours=1)
CONTACTED_DELAY = timedelta(days=3)
ATTEMPT_2_DELAY = timedelta(days=7)  # only with the exact tag attempt_2
REPLIED_DELAY = timedelta(days=1)
STOP_STATUSES = {"LOST", "QUALIFIED", "REPLIED"}
NO_REPLY_STOP = timedelta(days=30)  # stop when more than this since first contact

# L-41: conversion
CONVERTIBLE_GRADES = {"A", "B"}
