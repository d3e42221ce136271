"""Outreach: one sequence step to one lead, behind the safety limits (L-38, Q-20, Q-21)."""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import aicmo.domain  # noqa: F401 - legacy files all import the god module
from backend.db.models import CampaignRow, LeadRow, OutreachAttemptRow
from backend.services.cam.campaigns import AcquisitionCampaign

# There is no real provider in legacy: a LIVE send goes through this hook, called as
# EMAIL_SENDER(to, subject, body). Left None, every LIVE attempt is recorded as FAILED.
EMAIL_SENDER: Optional[Callable[[str, str, str], object]] = None

WINDOW_START_HOUR = 9  # UTC, inclusive
WINDOW_END_HOUR = 18  # UTC, exclusive
GLOBAL_DAILY_CAP = 500
BATCH_CAP = 100
# channel -> (first-day cap, added per day since the campaign was created, ceiling)
WARM_UP = {"email": (5, 5, 20), "linkedin": (3, 2, 10)}

TEMPLATES = [
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
]


@dataclass
class OutreachResult:
    """outcome: sent, failed, duplicate, outside_window, daily_limit, global_limit, batch_limit."""

    outcome: str
    attempt: Optional[OutreachAttemptRow] = None


def _aware(moment: datetime) -> datetime:
    # SQLite hands DateTime(timezone=True) back naive; every stored time is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def build_message(lead: LeadRow, step: int) -> tuple[str, str]:
    """The fixed template of the step (the last one for later steps), filled from the lead."""
    subject, body = TEMPLATES[min(step, len(TEMPLATES) - 1)]
    first_name = (lead.name or "").split(" ")[0] or "there"
    company = lead.company or "your team"
    fields = {"first_name": first_name, "company": company}
    return subject.format(**fields), body.format(**fields)


def message_hash(subject: str, body: str) -> str:
    return hashlib.sha256(f"{subject}\n{body}".encode("utf-8")).hexdigest()[:16]


def warm_up_cap(channel: str, campaign_created_at: datetime, now: datetime) -> int:
    first_day, per_day, ceiling = WARM_UP.get(channel, WARM_UP["email"])
    days = max(0, (now - _aware(campaign_created_at)).days)
    return min(ceiling, first_day + per_day * days)


def daily_limit(
    campaign: AcquisitionCampaign, channel: str, campaign_created_at: datetime, now: datetime
) -> int:
    return min(campaign.max_emails_per_day, warm_up_cap(channel, campaign_created_at, now))


def attempts_today(
    session: Session, now: datetime, campaign_id: str | None = None, channel: str | None = None
) -> int:
    """Today's attempts (UTC day) of every status (Q-20: failed ones count too)."""
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    stmt = select(func.count()).select_from(OutreachAttemptRow).where(
        OutreachAttemptRow.attempted_at >= start,
        OutreachAttemptRow.attempted_at < start + timedelta(days=1),
    )
    if campaign_id is not None:
        stmt = stmt.where(OutreachAttemptRow.campaign_id == campaign_id)
    if channel is not None:
        stmt = stmt.where(OutreachAttemptRow.channel == channel)
    return session.scalar(stmt) or 0


def _existing_attempt(session: Session, lead_id: str, hash_: str, step: int) -> Optional[OutreachAttemptRow]:
    stmt = select(OutreachAttemptRow).where(
        OutreachAttemptRow.lead_id == lead_id,
        OutreachAttemptRow.message_hash == hash_,
        OutreachAttemptRow.sequence_step == step,
    )
    return session.scalars(stmt).first()


def _deliver(
    campaign: AcquisitionCampaign, channel: str, to: str, subject: str, body: str
) -> tuple[str, bool, Optional[str]]:
    """(status, simulated, error)."""
    if campaign.mode == "SIMULATION":
        return "SENT", True, None  # simulation counts as sent
    sender = EMAIL_SENDER if channel == "email" else None
    if sender is None:
        return "FAILED", False, f"no {channel} provider configured"
    try:
        sender(to, subject, body)
    except Exception as exc:  # any provider error is a failed attempt, never raised
        return "FAILED", False, str(exc) or exc.__class__.__name__
    return "SENT", False, None


def send_outreach(
    session: Session,
    lead: LeadRow,
    campaign_row: CampaignRow,
    campaign: AcquisitionCampaign,
    step: int,
    channel: str = "email",
    batch_counter: dict | None = None,
) -> OutreachResult:
    """L-38: checks in order idempotency, window, global cap, batch cap, campaign limit."""
    now = datetime.now(timezone.utc)
    subject, body = build_message(lead, step)
    hash_ = message_hash(subject, body)

    existing = _existing_attempt(session, lead.id, hash_, step)
    if existing is not None:
        return OutreachResult("duplicate", existing)  # a FAILED one too, never retried
    if not WINDOW_START_HOUR <= now.hour < WINDOW_END_HOUR:
        return OutreachResult("outside_window")
    if attempts_today(session, now) >= GLOBAL_DAILY_CAP:
        return OutreachResult("global_limit")
    if batch_counter is not None and batch_counter.get("attempts", 0) >= BATCH_CAP:
        return OutreachResult("batch_limit")
    limit = daily_limit(campaign, channel, campaign_row.created_at, now)
    if attempts_today(session, now, campaign_row.id, channel) >= limit:
        return OutreachResult("daily_limit")

    status, simulated, error = _deliver(campaign, channel, lead.email, subject, body)
    attempt = OutreachAttemptRow(
        id=str(uuid.uuid4()),
        lead_id=lead.id,
        campaign_id=campaign_row.id,
        channel=channel,
        sequence_step=step,
        message_hash=hash_,
        subject=subject,
        body=body,
        status=status,
        simulated=simulated,
        error=error,
        attempted_at=now,
    )
    session.add(attempt)
    if batch_counter is not None:
        batch_counter["attempts"] = batch_counter.get("attempts", 0) + 1
    if status == "SENT":
        lead.status = "CONTACTED"
        if lead.first_contacted_at is None:
            lead.first_contacted_at = now
        lead.last_contacted_at = now
    session.flush()
    return OutreachResult("sent" if status == "SENT" else "failed", attempt)
