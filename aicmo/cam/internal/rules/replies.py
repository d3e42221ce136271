"""Inbound replies: the class of a reply and what it does to its lead (L-39, Q-22)."""
from __future__ import annotations

from datetime import timedelta

__all__ = ["CATEGORIES", "FOLLOW_UP_DELAY", "classify_reply"]

# checked in this order, first match wins: "not interested" is NEGATIVE although it contains
# "interested", and an auto reply saying "away" stays AUTO_REPLY
CATEGORIES = (
    ("AUTO_REPLY", 0.9, ("automatic reply", "auto-reply", "do not reply to this")),
    ("OOO", 0.85, ("away", "out of office", "unavailable")),
    ("NEGATIVE", 0.85, ("no thanks", "not interested", "unfortunately", "unsubscribe")),
    ("POSITIVE", 0.75, ("yes", "interested", "call", "meeting", "sounds good")),
)
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
