"""Lead qualification: score gate, e-mail checks, intent (L-35, Q-17, Q-18)."""
from __future__ import annotations

import re
from typing import Optional

from sqlalchemy.orm import Session

from aicmo.domain import LeadSnapshot
from backend.db.models import LeadRow
from backend.services.cam.campaigns import AcquisitionCampaign
from backend.services.cam.leads_io import snapshot_from_row

QUALIFY_THRESHOLD = 0.70
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# matched anywhere in the address, so "abbott.com" contains "bot".
SPAM_SUBSTRINGS = ["bot", "spam", "mailer", "daemon", "noreply", "verify", "confirm", "alert", "notification"]
TEST_PREFIXES = ["test", "demo"]
ROLE_PREFIXES = [
    "info", "support", "sales", "hello", "admin", "contact", "team", "office", "billing", "marketing",
]
FREE_MAIL_DOMAINS = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com", "icloud.com"]
LOW_INTENT = 0.2

QUALIFIED = "QUALIFIED"
REJECTED = "REJECTED"
MANUAL_REVIEW = "MANUAL_REVIEW"


def email_problems(email: str, campaign: AcquisitionCampaign) -> list[str]:
    """Every e-mail check that fails, in the order they are made."""
    address = (email or "").strip().lower()
    local, _, domain = address.partition("@")
    problems = []
    if not EMAIL_PATTERN.match(address):
        problems.append("INVALID_EMAIL")
    if any(s in address for s in SPAM_SUBSTRINGS):
        problems.append("SPAM_EMAIL")
    if local.startswith(tuple(TEST_PREFIXES)):
        problems.append("TEST_EMAIL")
    if local.startswith(tuple(ROLE_PREFIXES)):
        problems.append("ROLE_EMAIL")
    if domain and domain in [d.lower() for d in campaign.competitor_domains]:
        problems.append("COMPETITOR")
    if campaign.block_free_mail and domain in FREE_MAIL_DOMAINS:
        problems.append("FREE_MAIL")
    return problems


def intent_score(lead: LeadSnapshot) -> float:
    return (
        0.25 * lead.job_change
        + 0.20 * lead.funded
        + 0.20 * lead.hiring
        + 0.15 * lead.recent_activity
        + 0.10 * lead.decision_maker
        + 0.10 * lead.budget_authority
    )


def qualify(
    lead: LeadSnapshot, score: Optional[float], campaign: AcquisitionCampaign
) -> tuple[str, Optional[str], Optional[float]]:
    """L-35: (status, reason, intent). The score gate returns before intent is computed."""
    if score is None or score < QUALIFY_THRESHOLD:
        return REJECTED, "LOW_ICP_FIT", None
    intent = intent_score(lead)
    problems = email_problems(lead.email, campaign)
    if len(problems) > 1:
        return REJECTED, "MULTIPLE_REASONS", intent
    if problems:
        return REJECTED, problems[0], intent
    if intent < LOW_INTENT and not lead.decision_maker:
        return MANUAL_REVIEW, "LOW_INTENT", intent
    return QUALIFIED, None, intent


def qualify_lead(session: Session, lead: LeadRow, campaign: AcquisitionCampaign) -> str:
    """Writes the outcome on the lead and appends a note; returns the qualification status."""
    status, reason, intent = qualify(snapshot_from_row(lead), lead.lead_score, campaign)
    lead.qualification_status = status
    lead.rejection_reason = reason
    lead.intent_score = intent
    if status == QUALIFIED:
        lead.status = "QUALIFIED"
    elif status == REJECTED:
        lead.status = "REJECTED"
    # MANUAL_REVIEW leaves the status alone, so every batch run appends another note.
    outcome = f"{status}: {reason}" if reason else status
    note = f"[QUALIFIED] {outcome}"  # the prefix is the same whatever the outcome
    lead.notes = f"{lead.notes}\n{note}" if lead.notes else note
    session.flush()
    return status
