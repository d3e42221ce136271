"""Routing a lead into an outreach sequence by its score and signals (L-36, Q-19)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from sqlalchemy.orm import Session

from aicmo.domain import LeadSnapshot
from backend.db.models import LeadRow
from backend.services.cam.leads_io import snapshot_from_row

SIGNALS = ["job_change", "funded", "hiring", "recent_activity", "decision_maker", "budget_authority"]
SIGNAL_BONUS = 0.15
SIGNALS_FOR_BONUS = 3


@dataclass(frozen=True)
class Sequence:
    name: str
    duration_days: int
    send_days: tuple[int, ...]


SEQUENCES = {
    "aggressive_close": Sequence("aggressive_close", 7, (0, 2, 5)),
    "regular_nurture": Sequence("regular_nurture", 14, (0, 3, 7, 10)),
    "long_term_nurture": Sequence("long_term_nurture", 30, (0, 5, 10, 15, 20, 25)),
    "cold_outreach": Sequence("cold_outreach", 60, (0, 7, 14, 21, 28, 35, 42, 49)),
}


def signal_count(lead: LeadSnapshot) -> int:
    return sum(1 for name in SIGNALS if getattr(lead, name))


def effective_score(score: Optional[float], signals: int) -> float:
    return (score or 0.0) + (SIGNAL_BONUS if signals >= SIGNALS_FOR_BONUS else 0.0)


def sequence_for(score: Optional[float], signals: int) -> Sequence:
    effective = effective_score(score, signals)
    if effective >= 0.85:
        return SEQUENCES["aggressive_close"]
    if effective >= 0.70:
        return SEQUENCES["regular_nurture"]
    if effective >= 0.50:
        return SEQUENCES["long_term_nurture"]
    return SEQUENCES["cold_outreach"]


def route_lead(session: Session, lead: LeadRow) -> Sequence:
    sequence = sequence_for(lead.lead_score, signal_count(snapshot_from_row(lead)))
    lead.routing_sequence = sequence.name
    lead.notes = f"Routed to {sequence.name}"  # overwrites the qualification notes
    session.flush()
    return sequence
