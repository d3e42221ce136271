"""CAM outreach (spec section 10): safety limits, idempotency, LIVE and SIMULATION sends."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from aicmo.domain import LeadSnapshot
from backend.services.cam import outreach
from backend.services.cam.campaigns import create_campaign_row, load_campaign
from backend.services.cam.leads_io import insert_lead

pytestmark = [pytest.mark.aicmo_evidence(module="cam", suite="characterization"), pytest.mark.legacy_internals("cam", "domain")]


def _setup(session, mode: str = "SIMULATION", max_per_day: int = 20, leads: int = 3):
    campaign = load_campaign({"name": f"{mode} run", "mode": mode, "max_emails_per_day": max_per_day})
    row = create_campaign_row(session, campaign)
    rows = [insert_lead(session, row.id, LeadSnapshot(name=f"Lead {i}", email=f"lead{i}@acme.com", company="Acme")) for i in range(leads)]
    return campaign, row, rows


def _outcomes(session, campaign, row, leads, step=0, channel="email", counter=None):
    return [outreach.send_outreach(session, lead, row, campaign, step, channel, counter).outcome for lead in leads]


def test_messages_by_step(legacy_session, snapshot_json):
    """The template of each step (the last one after step 3), filled from the lead."""
    _, _, leads = _setup(legacy_session, leads=1)
    anonymous = insert_lead(legacy_session, leads[0].campaign_id, LeadSnapshot())
    table = {f"step {s}": outreach.build_message(leads[0], s) for s in range(5)}
    table["anonymous"] = outreach.build_message(anonymous, 0)
    table["hash"] = outreach.message_hash(*table["step 0"])
    assert snapshot_json == table


def test_the_warm_up_and_daily_limit_table(snapshot_json):
    """L-38: e-mail 5 -> 20 (+5/day), LinkedIn 3 -> 10 (+2/day), capped by max_emails_per_day."""
    created = datetime(2026, 1, 1, 12, tzinfo=timezone.utc)
    campaign = load_campaign({"name": "c", "max_emails_per_day": 12})
    table = {}
    for channel in ("email", "linkedin", "fax"):
        for days in (-1, 0, 1, 2, 3, 4, 10):
            now = created + timedelta(days=days)
            table[f"{channel} day {days}"] = [outreach.warm_up_cap(channel, created.replace(tzinfo=None), now), outreach.daily_limit(campaign, channel, created, now)]
    assert snapshot_json == table


@pytest.mark.parametrize("hour", [8, 9, 17, 18])
def test_the_sending_window(hour, legacy_session, fixed_clock, snapshot_json):
    """L-38: sends only 09:00-18:00 UTC."""
    fixed_clock.move_to(f"2026-01-15T{hour:02d}:30:00Z")
    campaign, row, leads = _setup(legacy_session, leads=1)
    assert snapshot_json == _outcomes(legacy_session, campaign, row, leads)


def test_the_daily_limit_counts_failed_attempts_and_failures_are_never_retried(legacy_session, db_effects, snapshot_json):
    """Q-20: FAILED LIVE attempts use the quota; Q-21: the same step again returns the FAILED one."""
    campaign, row, leads = _setup(legacy_session, mode="LIVE", max_per_day=2, leads=3)
    first, effects = db_effects(lambda: _outcomes(legacy_session, campaign, row, leads), legacy_session)
    again = [outreach.send_outreach(legacy_session, lead, row, campaign, 0) for lead in leads[:1]]
    assert snapshot_json == {
        "first": first,
        "effects": effects,
        "again": [(r.outcome, r.attempt.status, r.attempt.error) for r in again],
        "today": outreach.attempts_today(legacy_session, datetime.now(timezone.utc), row.id, "email"),
    }


def test_live_sends_through_the_email_provider(legacy_session, fake_providers, db_effects, snapshot_json):
    """L-38: a LIVE send calls EMAIL_SENDER; a bounce is a FAILED attempt; the lead becomes CONTACTED."""
    campaign, row, leads = _setup(legacy_session, mode="LIVE", leads=2)
    fake_providers.email.bounce("lead1@acme.com")
    outcomes, effects = db_effects(lambda: _outcomes(legacy_session, campaign, row, leads), legacy_session)
    linkedin = _outcomes(legacy_session, campaign, row, leads[:1], step=1, channel="linkedin")
    assert snapshot_json == {"outcomes": outcomes, "linkedin": linkedin, "effects": effects, "calls": fake_providers.calls}


def test_the_global_and_batch_caps(legacy_session, snapshot_json):
    """L-38: 100 attempts per batch, then 500 per UTC day across campaigns."""
    campaign, row, leads = _setup(legacy_session, max_per_day=1000, leads=2)
    counter = {"attempts": 100}
    batch = _outcomes(legacy_session, campaign, row, leads[:1], counter=counter)
    now = datetime.now(timezone.utc)
    legacy_session.add_all(
        outreach.OutreachAttemptRow(
            id=f"filler-{i}", lead_id="x", campaign_id="other", channel="email", sequence_step=0,
            message_hash="h", status="SENT", attempted_at=now,
        )
        for i in range(500)
    )
    legacy_session.flush()
    global_cap = _outcomes(legacy_session, campaign, row, leads[1:])
    assert snapshot_json == {"batch": batch, "counter": counter, "global": global_cap}


def test_the_warm_up_limits_a_new_campaign(legacy_session, snapshot_json):
    """L-38: a campaign created today sends 5 e-mails, then daily_limit; simulation counts as sent."""
    campaign, row, leads = _setup(legacy_session, max_per_day=20, leads=7)
    assert snapshot_json == _outcomes(legacy_session, campaign, row, leads)
