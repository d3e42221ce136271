"""The acquisition steps on one lead record, as legacy's services change a lead row (in place, in legacy's order)."""
from __future__ import annotations

from datetime import datetime
from aicmo.cam.internal.model import LeadRecord
from aicmo.cam.internal.rules import grading, qualification, routing, scoring
from aicmo.cam.internal.rules.replies import FOLLOW_UP_DELAY
from aicmo.cam.internal.rules.tags import with_tag
from aicmo.cam.internal.rules.targets import Targets

__all__ = ["apply_reply", "grade", "qualify", "route", "score"]


def score(lead: LeadRecord, targets: Targets) -> None:
    """L-34: the scores, the tier and its tag, ENRICHED."""
    lead.icp_fit, lead.opportunity, lead.lead_score, lead.tier = scoring.score(lead.facts, targets)
    lead.tags = with_tag(lead.tags, lead.tier.upper())
    lead.status = "ENRICHED"


def qualify(lead: LeadRecord, targets: Targets) -> None:
    """L-35: the outcome on the lead and a note appended (Q-18)."""
    status, reason, intent = qualification.qualify(lead.facts, lead.lead_score, targets)
    lead.qualification_status, lead.rejection_reason, lead.intent_score = status, reason, intent
    lead.status = qualification.status_after(lead.status, status)
    lead.notes = qualification.qualification_note(lead.notes, status, reason)


def grade(lead: LeadRecord) -> None:
    """L-37."""
    p = lead.profile
    lead.grade = grading.grade_for(lead.lead_score, p.budget, p.timeline, p.pain_points)


def route(lead: LeadRecord) -> str:
    """L-36: the sequence; Q-19: the notes overwritten."""
    sequence = routing.sequence_for(lead.lead_score, routing.signal_count(lead.facts))
    lead.routing_sequence = sequence
    lead.notes = routing.routed_note(sequence)
    return sequence


def apply_reply(lead: LeadRecord, category: str, received_at: datetime) -> None:
    """L-39; Q-22: legacy sets an attribute the table does not have, so last_replied_at stays as it was."""
    if category in FOLLOW_UP_DELAY:
        lead.next_action_at = received_at + FOLLOW_UP_DELAY[category]
    elif category == "NEGATIVE":
        lead.status = "LOST"
    elif category == "POSITIVE":
        lead.status = "REPLIED"
        lead.tags = with_tag(with_tag(lead.tags, "warm"), "replied_positive")
    else:
        lead.tags = with_tag(lead.tags, "replied")
