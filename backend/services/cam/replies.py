"""Inbound replies: classify, store, and update the lead (L-39, Q-22)."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from typing import Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import aicmo.domain  # noqa: F401 - legacy files all import the god module
from backend.db.models import LeadRow, ReplyRow
from backend.services.cam.scoring import add_tag

# Checked in this order, first match wins: "not interested" is NEGATIVE although it
# contains "interested", and an auto reply saying "away" stays AUTO_REPLY.
CATEGORIES: list[tuple[str, float, list[str]]] = [
    ("AUTO_REPLY", 0.9, ["automatic reply", "auto-reply", "do not reply to this"]),
    ("OOO", 0.85, ["away", "out of office", "unavailable"]),
    ("NEGATIVE", 0.85, ["no thanks", "not interested", "unfortunately", "unsubscribe"]),
    ("POSITIVE", 0.75, ["yes", "interested", "call", "meeting", "sounds good"]),
]
NEUTRAL_MIN_LENGTH = 10  # a body longer than this with no keyword is NEUTRAL
FOLLOW_UP_DELAY = {"AUTO_REPLY": timedelta(days=3), "OOO": timedelta(days=7)}


def classify_reply(body: str) -> tuple[str, float]:
    text = (body or "").lower()
    for category, confidence, phrases in CATEGORIES:
        if any(phrase in text for phrase in phrases):
            return category, confidence
    if len(body or "") > NEUTRAL_MIN_LENGTH:
        return "NEUTRAL", 0.5
    return "UNKNOWN", 0.3


def find_lead_by_email(session: Session, email: str) -> Optional[LeadRow]:
    """Case-insensitive; when several campaigns hold the address, the newest lead wins."""
    stmt = (
        select(LeadRow)
        .where(func.lower(LeadRow.email) == (email or "").strip().lower())
        .order_by(LeadRow.created_at.desc(), LeadRow.id)
    )
    return session.scalars(stmt).first()


def _apply_to_lead(lead: LeadRow, category: str, received_at: datetime) -> None:
    if category in FOLLOW_UP_DELAY:
        lead.next_action_at = received_at + FOLLOW_UP_DELAY[category]
    elif category == "NEGATIVE":
        lead.status = "LOST"
    elif category == "POSITIVE":
        lead.status = "REPLIED"
        add_tag(lead, "warm")
        add_tag(lead, "replied_positive")
    else:
        add_tag(lead, "replied")
    # the table's column is last_replied_at; this attribute is never persisted.
    lead.last_reply_at = received_at


def process_reply(session: Session, email: str, received_at: datetime, body: str) -> ReplyRow:
    category, confidence = classify_reply(body)
    lead = find_lead_by_email(session, email)
    if lead is not None:
        _apply_to_lead(lead, category, received_at)
    reply = ReplyRow(
        id=str(uuid.uuid4()),
        lead_id=lead.id if lead is not None else None,
        email=email,
        received_at=received_at,
        body=body or "",
        category=category,
        confidence=confidence,
        processed_at=datetime.now(timezone.utc),
    )
    session.add(reply)
    session.flush()
    return reply
