"""CAM outputs pinned whole (spec sections 10 and 11): every message text and every column of every row written.

The acquisition result itself is pinned whole by test_cam_acquisition.py; here are the
message bodies of every step for awkward names, and the rows an acquisition run writes.
"""
from __future__ import annotations

import pytest

from aicmo.operator_services import run_acquisition
from backend.db.models import LeadRow
from backend.services.cam import outreach
from tests.characterization import corpus

pytestmark = [pytest.mark.aicmo_evidence(module="cam", suite="characterization"), pytest.mark.legacy_internals("cam", "orchestration", "domain")]

NAMES = {
    "plain": ("Ana Lima", "BrightPay"),
    "one word": ("Ana", "BrightPay"),
    "double space": ("Ana  Lima", "BrightPay"),
    "leading space": (" Ana Lima", "BrightPay"),
    "empty": ("", ""),
    "none": (None, None),
    "unicode": ("Zoë Ångström", "Ölwerk 北京"),
    "hyphen and tab": ("Jean-Luc\tPicard", "Enterprise"),
    "braces": ("{first_name} {company}", "{company} & Co"),
}


def test_every_message_of_every_step(snapshot_json):
    """L-38: the subject and body of each step 0..5 (steps after 3 reuse the last template), with the idempotency hash."""
    table = {}
    for label, (name, company) in NAMES.items():
        lead = LeadRow(name=name, company=company)
        for step in range(6):
            subject, body = outreach.build_message(lead, step)
            table[f"{label} step {step}"] = {"subject": subject, "body": body, "hash": outreach.message_hash(subject, body)}
    assert snapshot_json == table


def test_every_row_an_acquisition_run_writes(db_effects, snapshot_json):
    """Section 11: every column of every cam_* and project row the bundled-example run writes over the corpus."""
    _, effects = db_effects(lambda: run_acquisition(None, corpus.leads(), corpus.replies()))
    assert {"cam_campaigns", "cam_leads", "cam_outreach_attempts", "cam_replies"} <= set(effects)
    assert snapshot_json == effects


def test_the_rows_a_live_run_writes_with_a_bouncing_provider(memory_db, db_effects, fake_providers, snapshot_json):
    """L-38/Q-20: LIVE sends go through the provider; a bounce is a FAILED row with the provider's error and uses quota."""
    fake_providers.email.bounce("person1@seniority1.io")
    campaign = corpus.campaigns()["live_email_tight_limit"]
    result, effects = db_effects(lambda: run_acquisition(campaign, corpus.leads()[:6], corpus.replies()[:3]))
    with memory_db.session() as session:
        contacted = sorted((row.email, row.status) for row in session.query(LeadRow) if row.first_contacted_at is not None)
    assert snapshot_json == {
        "attempts": effects["cam_outreach_attempts"]["inserted"], "summary": result["summary"], "contacted": contacted,
        "provider calls": fake_providers.calls,
    }


def test_the_rows_as_the_services_return_them(legacy_session, snapshot_json):
    """L-34/section 11: the campaign and lead rows as created, in memory (times aware UTC), before any read-back."""
    from aicmo.domain import LeadSnapshot
    from backend.services.cam.campaigns import create_campaign_row, load_campaign
    from backend.services.cam.leads_io import insert_lead

    campaign = create_campaign_row(legacy_session, load_campaign(None))
    lead = insert_lead(legacy_session, campaign.id, LeadSnapshot(name="Ana Lima", email="ana@acme.com", funded=True))
    assert snapshot_json == {"campaign": campaign, "lead": lead}


def test_the_acquisition_json_refuses_a_value_it_cannot_hold():
    """Legacy's JSON default writes dates and datetimes as ISO text and refuses anything else, naming it."""
    from datetime import date

    from backend.services.cam.acquisition import _iso

    assert "2026-01-15" == _iso(date(2026, 1, 15))
    with pytest.raises(TypeError, match=r"^not JSON serialisable: \{1, 2\}$"):
        _iso({1, 2})
