"""Lead qualification: score gate, e-mail checks, intent, notes (L-35, Q-17, Q-18)."""
from __future__ import annotations

import pytest
from freezegun import freeze_time

from aicmo.domain import LeadSnapshot
from backend.services.cam.campaigns import create_campaign_row, load_campaign
from backend.services.cam.leads_io import insert_lead
from backend.services.cam.qualification import intent_score, qualify, qualify_lead

pytestmark = pytest.mark.legacy_internals("cam", "domain")

CAMPAIGN = load_campaign(None)
GOOD_SCORE = 0.9


def lead(email="jane.doe@acme.io", **signals) -> LeadSnapshot:
    signals.setdefault("job_change", True)
    signals.setdefault("decision_maker", True)
    return LeadSnapshot(name="Jane Doe", email=email, company="Acme", title="CMO", **signals)


def test_l35_good_lead_is_qualified():
    """A score >= 0.70, a clean address and some intent qualify."""
    assert ("QUALIFIED", None, pytest.approx(0.35)) == qualify(lead(), GOOD_SCORE, CAMPAIGN)


@pytest.mark.parametrize("score", [None, 0.69, 0.6999])
def test_l35_low_or_missing_score_is_rejected_first(score):
    """Score missing or < 0.70: LOW_ICP_FIT, before any e-mail check and without intent."""
    assert ("REJECTED", "LOW_ICP_FIT", None) == qualify(lead("noreply@rivalcmo.com"), score, CAMPAIGN)


def test_l35_score_of_exactly_070_passes_the_gate():
    """The threshold is inclusive."""
    assert "QUALIFIED" == qualify(lead(), 0.70, CAMPAIGN)[0]


@pytest.mark.parametrize(
    "email, reason",
    [
        ("jane.doe.acme.io", "INVALID_EMAIL"),
        ("jane@acme", "INVALID_EMAIL"),
        ("jane@spamfree.io", "SPAM_EMAIL"),
        ("jane@mailerlite.io", "SPAM_EMAIL"),
        ("alerts-jane@acme.io", "SPAM_EMAIL"),
        ("testing.jane@acme.io", "TEST_EMAIL"),
        ("demo.account@acme.io", "TEST_EMAIL"),
        ("sales@acme.io", "ROLE_EMAIL"),
        ("hello.world@acme.io", "ROLE_EMAIL"),
        ("marketing@acme.io", "ROLE_EMAIL"),
        ("jane@rivalcmo.com", "COMPETITOR"),
    ],
)
def test_l35_email_checks(email, reason):
    """Each failing e-mail check rejects the lead with its own reason."""
    assert ("REJECTED", reason) == qualify(lead(email), GOOD_SCORE, CAMPAIGN)[:2]


def test_l35_free_mail_only_when_enabled():
    """Free-mail domains are rejected only when the campaign blocks them."""
    blocking = CAMPAIGN.model_copy(update={"block_free_mail": True})
    assert "QUALIFIED" == qualify(lead("jane@gmail.com"), GOOD_SCORE, CAMPAIGN)[0]
    assert ("REJECTED", "FREE_MAIL") == qualify(lead("jane@gmail.com"), GOOD_SCORE, blocking)[:2]


def test_l35_several_failures_give_multiple_reasons():
    """A role address at a competitor fails two checks: MULTIPLE_REASONS."""
    assert ("REJECTED", "MULTIPLE_REASONS") == qualify(lead("support@rivalcmo.com"), GOOD_SCORE, CAMPAIGN)[:2]


def test_l35_intent_weights():
    """Intent = 0.25 job change + 0.20 funded + 0.20 hiring + 0.15 activity + 0.10 DM + 0.10 budget."""
    assert 0.25 == intent_score(LeadSnapshot(job_change=True))
    assert 0.15 == intent_score(LeadSnapshot(recent_activity=True))
    assert 1.0 == pytest.approx(
        intent_score(LeadSnapshot(job_change=True, funded=True, hiring=True, recent_activity=True,
                                  decision_maker=True, budget_authority=True))
    )


def test_l35_low_intent_non_decision_maker_goes_to_manual_review():
    """Intent < 0.2 for a non-decision-maker: MANUAL_REVIEW."""
    snapshot = lead(job_change=False, decision_maker=False, recent_activity=True)
    assert ("MANUAL_REVIEW", "LOW_INTENT", 0.15) == qualify(snapshot, GOOD_SCORE, CAMPAIGN)


def test_l35_low_intent_decision_maker_is_qualified():
    """A decision maker with intent 0.10 still qualifies."""
    snapshot = lead(job_change=False, decision_maker=True)
    assert ("QUALIFIED", None, 0.1) == qualify(snapshot, GOOD_SCORE, CAMPAIGN)


def test_q17_abbott_domain_is_spam():
    """Q-17: "abbott.com" contains "bot", so the address is rejected as spam."""
    assert ("REJECTED", "SPAM_EMAIL") == qualify(lead("frank.osei@abbott.com"), GOOD_SCORE, CAMPAIGN)[:2]


@freeze_time("2026-01-15T10:00:00Z")
def test_l35_qualify_lead_writes_outcome_and_status(session):
    """qualify_lead writes status, reason, intent; a qualified lead's status becomes QUALIFIED."""
    row = insert_lead(session, create_campaign_row(session, CAMPAIGN).id, lead())
    row.lead_score = GOOD_SCORE
    assert "QUALIFIED" == qualify_lead(session, row, CAMPAIGN)
    assert ("QUALIFIED", "QUALIFIED", None) == (row.status, row.qualification_status, row.rejection_reason)
    assert 0.35 == pytest.approx(row.intent_score)


@freeze_time("2026-01-15T10:00:00Z")
def test_q18_rejection_note_is_prefixed_qualified(session):
    """Q-18: the note says "[QUALIFIED]" even for a rejected lead."""
    row = insert_lead(session, create_campaign_row(session, CAMPAIGN).id, lead())
    row.lead_score = 0.5
    qualify_lead(session, row, CAMPAIGN)
    assert "REJECTED" == row.status
    assert "[QUALIFIED] REJECTED: LOW_ICP_FIT" == row.notes


@freeze_time("2026-01-15T10:00:00Z")
def test_q18_manual_review_keeps_status_and_appends_a_note_each_run(session):
    """Q-18: MANUAL_REVIEW leaves the status unchanged, so every run appends another note."""
    snapshot = lead(job_change=False, decision_maker=False)
    row = insert_lead(session, create_campaign_row(session, CAMPAIGN).id, snapshot)
    row.lead_score, row.status = GOOD_SCORE, "ENRICHED"
    qualify_lead(session, row, CAMPAIGN)
    qualify_lead(session, row, CAMPAIGN)
    assert "ENRICHED" == row.status
    assert "MANUAL_REVIEW" == row.qualification_status
    assert ["[QUALIFIED] MANUAL_REVIEW: LOW_INTENT"] * 2 == row.notes.split("\n")
