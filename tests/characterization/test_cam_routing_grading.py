"""CAM routing and grading (spec section 10): sequences by effective score, grades A..D."""
from __future__ import annotations

import itertools

import pytest

from backend.services.cam import grading, routing
from backend.services.cam.campaigns import create_campaign_row, load_campaign
from backend.services.cam.leads_io import insert_lead, snapshot_from_row
from backend.services.cam.scoring import score_lead
from tests.characterization import corpus

pytestmark = [pytest.mark.aicmo_evidence(module="cam", suite="characterization"), pytest.mark.legacy_internals("cam")]


def test_the_routing_band_table(snapshot_json):
    """L-36: +0.15 with 3 of 6 signals; bands at 0.85/0.70/0.50 and their send days."""
    scores = [None, 0.0, 0.34, 0.35, 0.4999, 0.5, 0.55, 0.6999, 0.7, 0.8499, 0.85, 1.0]
    table = {
        f"{score} signals={signals}": routing.sequence_for(score, signals)
        for score, signals in itertools.product(scores, (0, 2, 3, 6))
    }
    assert snapshot_json == table


def test_routing_every_corpus_lead_overwrites_its_notes(legacy_session, snapshot_json):
    """L-36 over the corpus (single scoring), Q-19: the routing note replaces earlier notes."""
    campaign = load_campaign(None)
    row = create_campaign_row(legacy_session, campaign)
    routed = {}
    for i, snapshot in enumerate(corpus.leads()):
        lead = insert_lead(legacy_session, row.id, snapshot)
        score_lead(legacy_session, lead, campaign)
        lead.notes = "[QUALIFIED] QUALIFIED"
        sequence = routing.route_lead(legacy_session, lead)
        routed[f"{i:02d} {lead.email or '-'}"] = {
            "signals": routing.signal_count(snapshot_from_row(lead)),
            "sequence": sequence.name,
            "notes": lead.notes,
        }
    assert snapshot_json == routed


def test_the_grade_table(snapshot_json):
    """L-37: fit = score + 0.2 budget + 0.1 timeline + 0.1 pain points; A needs budget and timeline."""
    table = {}
    for score, budget, timeline, pains in itertools.product(
        [None, 0.0, 0.2, 0.3, 0.39, 0.4, 0.5, 0.59, 0.6, 0.7, 0.79, 0.8, 0.95], ("", "$5k"), ("", " "), ("", "pain")
    ):
        table[f"{score} b={bool(budget)} t={timeline!r} p={bool(pains)}"] = (
            f"{grading.grade_fit(score, budget, timeline, pains)!r} {grading.grade_for(score, budget, timeline, pains)}"
        )
    table["timeline"] = grading.grade_for(0.5, "$5k", "Q1", "")
    assert snapshot_json == table


def test_grading_writes_the_lead(legacy_session, db_effects, snapshot_json):
    """grade_lead stores the grade of the lead's score and answers."""
    campaign = load_campaign(None)
    row = create_campaign_row(legacy_session, campaign)
    leads = [insert_lead(legacy_session, row.id, snapshot) for snapshot in corpus.leads()[:4]]
    for lead in leads:
        score_lead(legacy_session, lead, campaign)
    grades, effects = db_effects(lambda: [grading.grade_lead(legacy_session, lead) for lead in leads], legacy_session)
    assert snapshot_json == {"grades": grades, "effects": effects}
