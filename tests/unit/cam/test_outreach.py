"""Outreach safety: window, caps, warm-up, idempotency (L-38, Q-20, Q-21)."""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from aicmo.domain import LeadSnapshot
from backend.db.models import OutreachAttemptRow
from backend.services.cam import outreach
from backend.services.cam.campaigns import create_campaign_row, load_campaign
from backend.services.cam.leads_io import insert_lead
from backend.services.cam.outreach import build_message, message_hash, send_outreach, warm_up_cap

pytestmark = pytest.mark.legacy_internals("cam", "domain")

NOW = "2026-01-15T10:00:00Z"
SIMULATION = load_campaign(None)
LIVE = SIMULATION.model_copy(update={"mode": "LIVE"})


def make_leads(session, campaign_row, count):
    return [
        insert_lead(session, campaign_row.id, LeadSnapshot(name=f"Lead {i}", email=f"lead{i}@acme.io"))
        for i in range(count)
    ]


def attempt_count(session) -> int:
    return session.scalar(select(func.count()).select_from(OutreachAttemptRow))


@freeze_time(NOW)
def test_l38_simulation_counts_as_sent(session):
    """A SIMULATION send records SENT (simulated) and marks the lead CONTACTED."""
    row = create_campaign_row(session, SIMULATION)
    [lead] = make_leads(session, row, 1)
    result = send_outreach(session, lead, row, SIMULATION, 0)
    now = datetime(2026, 1, 15, 10, tzinfo=timezone.utc)
    assert "sent" == result.outcome
    assert ("SENT", True, None) == (result.attempt.status, result.attempt.simulated, result.attempt.error)
    assert ("CONTACTED", now, now) == (lead.status, lead.first_contacted_at, lead.last_contacted_at)


@freeze_time(NOW)
def test_l38_message_hash_is_sha256_of_subject_and_body(session):
    """message_hash = sha256(subject + "\\n" + body), first 16 hex digits."""
    row = create_campaign_row(session, SIMULATION)
    [lead] = make_leads(session, row, 1)
    subject, body = build_message(lead, 0)
    expected = hashlib.sha256(f"{subject}\n{body}".encode()).hexdigest()[:16]
    assert expected == message_hash(subject, body)
    assert expected == send_outreach(session, lead, row, SIMULATION, 0).attempt.message_hash


@freeze_time(NOW)
def test_l38_same_lead_hash_and_step_is_sent_once(session):
    """Idempotency on (lead, message hash, step): the second call returns the first attempt."""
    row = create_campaign_row(session, SIMULATION)
    [lead] = make_leads(session, row, 1)
    first = send_outreach(session, lead, row, SIMULATION, 0)
    second = send_outreach(session, lead, row, SIMULATION, 0)
    assert "duplicate" == second.outcome
    assert first.attempt.id == second.attempt.id
    assert 1 == attempt_count(session)


@pytest.mark.parametrize("moment", ["2026-01-15T08:59:00Z", "2026-01-15T18:00:00Z", "2026-01-15T23:30:00Z"])
def test_l38_nothing_is_sent_outside_09_to_18_utc(session, moment):
    """Outside 09:00-18:00 UTC the attempt is not made and nothing is written."""
    with freeze_time(moment):
        row = create_campaign_row(session, SIMULATION)
        [lead] = make_leads(session, row, 1)
        assert "outside_window" == send_outreach(session, lead, row, SIMULATION, 0).outcome
    assert 0 == attempt_count(session)
    assert "NEW" == lead.status


@freeze_time(NOW)
def test_l38_warm_up_caps_day_zero_at_five_emails(session):
    """Warm-up: a campaign created today sends 5 e-mails; the 6th hits the daily limit."""
    row = create_campaign_row(session, SIMULATION)
    leads = make_leads(session, row, 6)
    outcomes = [send_outreach(session, lead, row, SIMULATION, 0).outcome for lead in leads]
    assert ["sent"] * 5 + ["daily_limit"] == outcomes


def test_l38_warm_up_ramps_per_channel():
    """E-mail 5 -> 20 (+5 a day); LinkedIn 3 -> 10 (+2 a day)."""
    created = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)
    days = [created + timedelta(days=d) for d in (0, 1, 3, 10)]
    assert [5, 10, 20, 20] == [warm_up_cap("email", created, d) for d in days]
    assert [3, 5, 9, 10] == [warm_up_cap("linkedin", created, d) for d in days]


def test_l38_max_emails_per_day_caps_a_warmed_up_campaign(session):
    """Per campaign: min(max_emails_per_day, warm-up cap)."""
    campaign = SIMULATION.model_copy(update={"max_emails_per_day": 2})
    with freeze_time("2026-01-01T10:00:00Z"):
        row = create_campaign_row(session, campaign)
    with freeze_time(NOW):
        leads = make_leads(session, row, 3)
        outcomes = [send_outreach(session, lead, row, campaign, 0).outcome for lead in leads]
    assert ["sent", "sent", "daily_limit"] == outcomes


@freeze_time(NOW)
def test_l38_global_cap_of_500_per_utc_day(session):
    """500 attempts today across all campaigns stop every further send."""
    other = create_campaign_row(session, SIMULATION)
    now = datetime(2026, 1, 15, 9, 30, tzinfo=timezone.utc)
    session.add_all(
        OutreachAttemptRow(id=f"a{i}", lead_id=f"l{i}", campaign_id=other.id, channel="email", sequence_step=0,
                           message_hash=f"h{i}", status="SENT", attempted_at=now)
        for i in range(500)
    )
    row = create_campaign_row(session, SIMULATION)
    [lead] = make_leads(session, row, 1)
    assert "global_limit" == send_outreach(session, lead, row, SIMULATION, 0).outcome


@freeze_time(NOW)
def test_l38_batch_cap_of_100(session):
    """A batch stops after 100 attempts; the counter is shared through batch_counter."""
    row = create_campaign_row(session, SIMULATION)
    [lead] = make_leads(session, row, 1)
    full = {"attempts": 100}
    assert "batch_limit" == send_outreach(session, lead, row, SIMULATION, 0, batch_counter=full).outcome
    counter = {"attempts": 99}
    assert "sent" == send_outreach(session, lead, row, SIMULATION, 0, batch_counter=counter).outcome
    assert {"attempts": 100} == counter


@freeze_time(NOW)
def test_l38_live_send_goes_through_the_email_sender(session, monkeypatch):
    """LIVE: EMAIL_SENDER(to, subject, body) is called; an exception records FAILED."""
    calls = []
    monkeypatch.setattr(outreach, "EMAIL_SENDER", lambda to, subject, body: calls.append(to))
    row = create_campaign_row(session, LIVE)
    first, second = make_leads(session, row, 2)
    result = send_outreach(session, first, row, LIVE, 0)
    assert ("sent", "SENT", False) == (result.outcome, result.attempt.status, result.attempt.simulated)
    assert ["lead0@acme.io"] == calls

    def broken(to, subject, body):
        raise RuntimeError("smtp down")

    monkeypatch.setattr(outreach, "EMAIL_SENDER", broken)
    result = send_outreach(session, second, row, LIVE, 0)
    assert ("failed", "FAILED", "smtp down") == (result.outcome, result.attempt.status, result.attempt.error)
    assert "NEW" == second.status


@freeze_time(NOW)
def test_q20_failed_attempts_use_up_the_daily_quota(session):
    """Q-20: without a provider 5 LIVE attempts fail, and the 6th is refused by the limit."""
    row = create_campaign_row(session, LIVE)
    results = [send_outreach(session, lead, row, LIVE, 0) for lead in make_leads(session, row, 6)]
    assert ["failed"] * 5 + ["daily_limit"] == [r.outcome for r in results]
    assert "no email provider configured" == results[0].attempt.error


@freeze_time(NOW)
def test_q21_failed_attempt_is_returned_and_never_retried(session, monkeypatch):
    """Q-21: retrying the same step returns the earlier FAILED attempt; the sender is not called."""
    row = create_campaign_row(session, LIVE)
    [lead] = make_leads(session, row, 1)
    failed = send_outreach(session, lead, row, LIVE, 0)
    calls = []
    monkeypatch.setattr(outreach, "EMAIL_SENDER", lambda to, subject, body: calls.append(to))
    retry = send_outreach(session, lead, row, LIVE, 0)
    assert ("duplicate", "FAILED") == (retry.outcome, retry.attempt.status)
    assert failed.attempt.id == retry.attempt.id
    assert [] == calls
