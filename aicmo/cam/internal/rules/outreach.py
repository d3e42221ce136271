"""Outreach: the message of a step and the safety limits (L-38, Q-20, Q-21)."""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone

__all__ = ["build_message", "daily_limit", "in_window", "message_hash"]

WINDOW_START_HOUR = 9  # UTC, inclusive
WINDOW_END_HOUR = 18  # UTC, exclusive
GLOBAL_DAILY_CAP = 500
BATCH_CAP = 100
# channel -> (first-day cap, added per day since the campaign was created, ceiling)
WARM_UP = {"email": (5, 5, 20), "linkedin": (3, 2, 10)}

TEMPLATES = (
    (
        "Quick question for {company}",
        "Hi {first_name},\n\nWe run marketing for teams like {company}: strategy, creatives and "
        "reporting, done for you. Worth a 20-minute call this week?\n\nAICMO",
    ),
    (
        "Following up, {first_name}",
        "Hi {first_name},\n\nFollowing up on my note about growth marketing for {company}. "
        "Happy to share what we did for similar teams.\n\nAICMO",
    ),
    (
        "A plan for {company}",
        "Hi {first_name},\n\nI sketched three growth pillars for {company}. Shall I send them "
        "over?\n\nAICMO",
    ),
    (
        "Closing the loop",
        "Hi {first_name},\n\nI will stop writing after this one. If growth at {company} becomes "
        "a priority, just reply.\n\nAICMO",
    ),
)


def build_message(name: str, company: str, step: int) -> tuple[str, str]:
    """The fixed template of the step (the last one for later steps), filled from the lead."""
    subject, body = TEMPLATES[min(step, len(TEMPLATES) - 1)]
    fields = {"first_name": (name or "").split(" ")[0] or "there", "company": company or "your team"}
    return subject.format(**fields), body.format(**fields)


def message_hash(subject: str, body: str) -> str:
    return hashlib.sha256(f"{subject}\n{body}".encode("utf-8")).hexdigest()[:16]


def in_window(now: datetime) -> bool:
    return WINDOW_START_HOUR <= now.hour < WINDOW_END_HOUR


def warm_up_cap(channel: str, campaign_created_at: datetime, now: datetime) -> int:
    first_day, per_day, ceiling = WARM_UP.get(channel, WARM_UP["email"])
    days = max(0, (now - campaign_created_at).days)
    return min(ceiling, first_day + per_day * days)


def daily_limit(max_per_day: int, channel: str, campaign_created_at: datetime, now: datetime) -> int:
    return min(max_per_day, warm_up_cap(channel, campaign_created_at, now))


def utc_day_start(now: datetime) -> datetime:
    """Q-20: the day the caps count is the clock's day (legacy's clock is UTC)."""
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


UTC = timezone.utc
