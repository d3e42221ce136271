"""Routing a lead into an outreach sequence by its score and signals (L-36, Q-19)."""
from __future__ import annotations

from typing import Optional

from aicmo.cam.internal.rules.facts import Facts

__all__ = ["SEQUENCES", "routed_note", "sequence_for", "signal_count"]

SIGNALS = ("job_change", "funded", "hiring", "recent_activity", "decision_maker", "budget_authority")
SIGNAL_BONUS = 0.15
SIGNALS_FOR_BONUS = 3
# name -> (duration in days, send days)
SEQUENCES = {
    "aggressive_close": (7, (0, 2, 5)),
    "regular_nurture": (14, (0, 3, 7, 10)),
    "long_term_nurture": (30, (0, 5, 10, 15, 20, 25)),
    "cold_outreach": (60, (0, 7, 14, 21, 28, 35, 42, 49)),
}


def signal_count(lead: Facts) -> int:
    return sum(1 for name in SIGNALS if getattr(lead, name))


def effective_score(score: Optional[float], signals: int) -> float:
    return (score or 0.0) + (SIGNAL_BONUS if signals >= SIGNALS_FOR_BONUS else 0.0)


def sequence_for(score: Optional[float], signals: int) -> str:
    effective = effective_score(score, signals)
    if effective >= 0.85:
        return "aggressive_close"
    if effective >= 0.70:
        return "regular_nurture"
    if effective >= 0.50:
        return "long_term_nurture"
    return "cold_outreach"


def routed_note(sequence: str) -> str:
    """Q-19: routing overwrites the notes, qualification's included."""
    return f"Routed to {sequence}"
