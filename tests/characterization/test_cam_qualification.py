"""CAM qualification (spec section 10): score gate, e-mail checks, intent, the note."""
from __future__ import annotations

import itertools

import pytest

from aicmo.domain import LeadSnapshot
from backend.services.cam import qualification
from backend.services.cam.campaigns import create_campaign_row, load_campaign
from backend.services.cam.leads_io import insert_lead
from tests.characterization import corpus

pytestmark = [pytest.mark.aicmo_evidence(module="cam", suite="characterization"), pytest.mark.legacy_internals("cam", "domain")]


def test_email_problems_of_every_corpus_address(snapshot_json):
    """L-35/Q-17: format, spam substrings anywhere, test/role prefixes, competitors, free mail."""
    campaigns = {name: load_campaign(corpus.campaigns()[name]) for name in ("bundled_example", "block_free_mail")}
    table = {
        lead.email or "-": {name: qualification.email_problems(lead.email, c) for name, c in campaigns.items()}
        for lead in corpus.leads()
    }
    assert snapshot_json == table


def test_the_qualification_table(snapshot_json):
    """L-35: score gate at 0.70, one/several e-mail problems, low intent for non-decision-makers."""
    campaign = load_campaign(None)
    table = {}
    signal_sets = {"none": {}, "activity": {"recent_activity": True}, "dm": {"decision_maker": True}, "job": {"job_change": True}}
    emails = ["jane@acme.com", "info@acme.com", "test.bot@acme.com", "bad"]
    for score, (signals_name, signals), email in itertools.product([None, 0.69999, 0.7, 0.9], signal_sets.items(), emails):
        lead = LeadSnapshot(email=email, **signals)
        table[f"{score} {signals_name} {email}"] = list(qualification.qualify(lead, score, campaign))
    assert snapshot_json == table


def test_intent_of_every_corpus_lead(snapshot_json):
    """L-35: intent = 0.25/0.20/0.20/0.15/0.10/0.10 over the six signals."""
    assert snapshot_json == {f"{i:02d}": qualification.intent_score(lead) for i, lead in enumerate(corpus.leads())}


def test_the_note_is_always_prefixed_and_manual_review_notes_pile_up(legacy_session, db_effects, snapshot_json):
    """Q-18: "[QUALIFIED]" on every outcome; MANUAL_REVIEW keeps the status so reruns append notes."""
    campaign = load_campaign(None)
    row = create_campaign_row(legacy_session, campaign)
    leads = {
        "qualified": insert_lead(legacy_session, row.id, LeadSnapshot(email="ok@acme.com", decision_maker=True)),
        "manual_review": insert_lead(legacy_session, row.id, LeadSnapshot(email="maybe@acme.com")),
        "rejected": insert_lead(legacy_session, row.id, LeadSnapshot(email="info@acme.com")),
        "unscored": insert_lead(legacy_session, row.id, LeadSnapshot(email="new@acme.com")),
    }
    for name, lead in leads.items():
        lead.lead_score = None if name == "unscored" else 0.8
    legacy_session.flush()
    runs = []
    for _ in range(2):
        _, effects = db_effects(
            lambda: {n: qualification.qualify_lead(legacy_session, lead, campaign) for n, lead in leads.items()}, legacy_session
        )
        runs.append(effects)
    assert snapshot_json == {"runs": runs, "notes": {n: lead.notes for n, lead in leads.items()}}
