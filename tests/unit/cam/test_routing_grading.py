"""Routing into sequences and lead grades (L-36, L-37, Q-19)."""
from __future__ import annotations

import pytest
from freezegun import freeze_time

from aicmo.domain import LeadSnapshot
from backend.services.cam.campaigns import create_campaign_row, load_campaign
from backend.services.cam.grading import grade_for, grade_lead
from backend.services.cam.leads_io import insert_lead
from backend.services.cam.routing import SEQUENCES, route_lead, sequence_for, signal_count

pytestmark = pytest.mark.legacy_internals("cam", "domain")


@pytest.mark.parametrize(
    "score, signals, sequence",
    [
        (0.90, 0, "aggressive_close"),
        (0.72, 3, "aggressive_close"),
        (0.72, 2, "regular_nurture"),
        (0.80, 0, "regular_nurture"),
        (0.40, 3, "long_term_nurture"),
        (0.55, 0, "long_term_nurture"),
        (0.45, 2, "cold_outreach"),
    ],
)
def test_l36_effective_score_picks_the_sequence(score, signals, sequence):
    """Effective score = score + 0.15 with >= 3 of 6 signals; >= 0.85, >= 0.70, >= 0.50, else cold."""
    assert sequence == sequence_for(score, signals).name


def test_l36_sequence_lengths_and_send_days():
    """7 d (0, 2, 5), 14 d (0, 3, 7, 10), 30 d (every 5 d), 60 d (weekly)."""
    expected = {
        "aggressive_close": (7, (0, 2, 5)),
        "regular_nurture": (14, (0, 3, 7, 10)),
        "long_term_nurture": (30, (0, 5, 10, 15, 20, 25)),
        "cold_outreach": (60, (0, 7, 14, 21, 28, 35, 42, 49)),
    }
    assert expected == {name: (s.duration_days, s.send_days) for name, s in SEQUENCES.items()}


def test_l36_signal_count_over_the_six_signals():
    """job_change, funded, hiring, recent_activity, decision_maker, budget_authority."""
    assert 3 == signal_count(LeadSnapshot(job_change=True, hiring=True, budget_authority=True))


@freeze_time("2026-01-15T10:00:00Z")
def test_q19_routing_overwrites_the_notes(session):
    """Q-19: route_lead replaces the notes (the qualification note is lost)."""
    campaign_row = create_campaign_row(session, load_campaign(None))
    row = insert_lead(session, campaign_row.id, LeadSnapshot(email="a@b.io"))
    row.lead_score, row.notes = 0.75, "[QUALIFIED] QUALIFIED"
    route_lead(session, row)
    assert "regular_nurture" == row.routing_sequence
    assert "Routed to regular_nurture" == row.notes


@pytest.mark.parametrize(
    "score, budget, timeline, pain, grade",
    [
        (0.70, "$5k", "Q1", None, "A"),
        (0.90, "$5k", None, "churn", "B"),
        (0.90, None, None, None, "B"),
        (0.60, None, None, None, "B"),
        (0.45, None, None, None, "C"),
        (0.30, None, None, "churn", "C"),
        (0.30, None, None, None, "D"),
        (0.70, "  ", "", None, "B"),
    ],
)
def test_l37_grade_from_fit_and_budget_timeline(score, budget, timeline, pain, grade):
    """fit = score + 0.2 budget + 0.1 timeline + 0.1 pain; A needs >= 0.8 and budget and timeline."""
    assert grade == grade_for(score, budget, timeline, pain)


def test_l37_fit_is_float_added_so_05_plus_budget_and_timeline_misses_a():
    """0.5 + 0.2 + 0.1 is 0.7999999999999999 in floats: a B, not an A."""
    assert "B" == grade_for(0.5, "$5k", "Q1", None)


@freeze_time("2026-01-15T10:00:00Z")
def test_l37_grade_lead_writes_the_grade(session):
    """grade_lead stores the grade on the lead."""
    snapshot = LeadSnapshot(email="a@b.io", budget="$5k", timeline="Q1")
    row = insert_lead(session, create_campaign_row(session, load_campaign(None)).id, snapshot)
    row.lead_score = 0.75
    assert "A" == grade_lead(session, row)
    assert "A" == row.grade
