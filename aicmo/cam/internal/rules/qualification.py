"""Lead qualification: score gate, e-mail checks, intent (L-35, Q-17, Q-18)."""
from __future__ import annotations

import re
from typing import Optional

from aicmo.cam.internal.rules.facts import Facts
from aicmo.cam.internal.rules.targets import Targets

__all__ = ["email_problems", "intent_score", "qualification_note", "qualify"]

QUALIFY_THRESHOLD = 0.70
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# matched anywhere in the address, so "abbott.com" contains "bot"
SPAM_SUBSTRINGS = ("bot", "spam", "mailer", "daemon", "noreply", "verify", "confirm", "alert", "notification")
TEST_PREFIXES = ("test", "demo")
ROLE_PREFIXES = ("info", "support", "sales", "hello", "admin", "contact", "team", "office", "billing", "marketing")
FREE_MAIL_DOMAINS = ("gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com", "icloud.com")
LOW_INTENT = 0.2


def email_problems(email: str, t: Targets) -> list[str]:
    """Every e-mail check that fails, in the order they are made."""
    address = (email or "").strip().lower()
    local, _, domain = address.partition("@")
    problems = []
    if not EMAIL_PATTERN.match(address):
        problems.append("INVALID_EMAIL")
    if any(s in address for s in SPAM_SUBSTRINGS):
        problems.append("SPAM_EMAIL")
    if local.startswith(TEST_PREFIXES):
        problems.append("TEST_EMAIL")
    if local.startswith(ROLE_PREFIXES):
        problems.append("ROLE_EMAIL")
    if domain and domain in [d.lower() for d in t.competitor_domains]:
        problems.append("COMPETITOR")
    if t.block_free_mail and domain in FREE_MAIL_DOMAINS:
        problems.append("FREE_MAIL")
    return problems


def intent_score(lead: Facts) -> float:
    return (
        0.25 * lead.job_change
        + 0.20 * lead.funded
        + 0.20 * lead.hiring
        + 0.15 * lead.recent_activity
        + 0.10 * lead.decision_maker
        + 0.10 * lead.budget_authority
    )


def qualify(lead: Facts, lead_score: Optional[float], t: Targets) -> tuple[str, Optional[str], Optional[float]]:
    """L-35: (status, reason, intent). The score gate returns before intent is computed."""
    if lead_score is None or lead_score < QUALIFY_THRESHOLD:
        return "REJECTED", "LOW_ICP_FIT", None
    intent = intent_score(lead)
    problems = email_problems(lead.email, t)
    if len(problems) > 1:
        return "REJECTED", "MULTIPLE_REASONS", intent
    if problems:
        return "REJECTED", problems[0], intent
    if intent < LOW_INTENT and not lead.decision_maker:
        return "MANUAL_REVIEW", "LOW_INTENT", intent
    return "QUALIFIED", None, intent


def qualification_note(notes: str, status: str, reason: Optional[str]) -> str:
    """The notes with the run's note appended; Q-18: the prefix is [QUALIFIED] whatever the outcome."""
    outcome = f"{status}: {reason}" if reason else status
    note = f"[QUALIFIED] {outcome}"
    return f"{notes}\n{note}" if notes else note


def status_after(status: str, qualification_status: str) -> str:
    """Q-18: MANUAL_REVIEW leaves the lead's status alone, so every run appends another note."""
    if qualification_status == "QUALIFIED":
        return "QUALIFIED"
    if qualification_status == "REJECTED":
        return "REJECTED"
    return status
