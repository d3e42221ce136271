"""Reply classification and its effect on the lead (L-39, Q-22)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from freezegun import freeze_time

from aicmo.domain import LeadSnapshot
from backend.db.models import LeadRow, ReplyRow
from backend.services.cam.campaigns import create_campaign_row, load_campaign
from backend.services.cam.leads_io import insert_lead
from backend.services.cam.replies import classify_reply, process_reply
from backend.services.cam.scoring import lead_tags

pytestmark = pytest.mark.legacy_internals("cam", "domain")

RECEIVED = datetime(2026, 1, 15, 11, 0, tzinfo=timezone.utc)


@pytest.fixture
def lead(session):
    with freeze_time("2026-01-15T10:00:00Z"):
        row = create_campaign_row(session, load_campaign(None))
        lead = insert_lead(session, row.id, LeadSnapshot(name="Alice", email="Alice.Moreno@brightpay.io"))
    lead.status = "CONTACTED"
    return lead


@pytest.mark.parametrize(
    "body, expected",
    [
        ("Automatic reply: thanks for your message", ("AUTO_REPLY", 0.9)),
        ("This is an auto-reply", ("AUTO_REPLY", 0.9)),
        ("Please do not reply to this mailbox", ("AUTO_REPLY", 0.9)),
        ("I am out of office this week", ("OOO", 0.85)),
        ("Currently unavailable", ("OOO", 0.85)),
        ("No thanks.", ("NEGATIVE", 0.85)),
        ("Unfortunately the budget is gone", ("NEGATIVE", 0.85)),
        ("Please unsubscribe me", ("NEGATIVE", 0.85)),
        ("YES!", ("POSITIVE", 0.75)),
        ("Let's book a meeting", ("POSITIVE", 0.75)),
        ("Sounds good to me", ("POSITIVE", 0.75)),
        ("Please send me the deck.", ("NEUTRAL", 0.5)),
        ("0123456789a", ("NEUTRAL", 0.5)),
        ("0123456789", ("UNKNOWN", 0.3)),
        ("", ("UNKNOWN", 0.3)),
    ],
)
def test_l39_categories_and_confidence(body, expected):
    """Lower-cased substring match per category; NEUTRAL when longer than 10 characters."""
    assert expected == classify_reply(body)


def test_l39_not_interested_is_negative_although_it_contains_interested():
    """NEGATIVE is checked before POSITIVE, so "not interested" is NEGATIVE."""
    assert ("NEGATIVE", 0.85) == classify_reply("We are not interested, thanks")


def test_l39_auto_reply_saying_away_stays_auto_reply():
    """AUTO_REPLY is checked before OOO: first match wins."""
    assert ("AUTO_REPLY", 0.9) == classify_reply("Automatic reply: I am away until Monday")


@freeze_time("2026-01-15T12:00:00Z")
@pytest.mark.parametrize(
    "body, delay",
    [("Automatic reply: on leave", timedelta(days=3)), ("I am out of office", timedelta(days=7))],
)
def test_l39_auto_reply_and_ooo_set_the_next_action(session, lead, body, delay):
    """AUTO_REPLY: next action at received + 3 d; OOO: received + 7 d."""
    process_reply(session, lead.email, RECEIVED, body)
    assert RECEIVED + delay == lead.next_action_at
    assert "CONTACTED" == lead.status


@freeze_time("2026-01-15T12:00:00Z")
def test_l39_negative_loses_the_lead(session, lead):
    """NEGATIVE: the lead is LOST."""
    process_reply(session, lead.email, RECEIVED, "Not interested")
    assert "LOST" == lead.status


@freeze_time("2026-01-15T12:00:00Z")
def test_l39_positive_marks_replied_and_warm(session, lead):
    """POSITIVE: status REPLIED, tags warm and replied_positive."""
    process_reply(session, lead.email, RECEIVED, "Yes, let's talk")
    assert "REPLIED" == lead.status
    assert ["warm", "replied_positive"] == lead_tags(lead)


@freeze_time("2026-01-15T12:00:00Z")
@pytest.mark.parametrize("body", ["Can you tell me more about it?", "ok"])
def test_l39_neutral_and_unknown_tag_replied(session, lead, body):
    """NEUTRAL and UNKNOWN: tag replied, status unchanged."""
    process_reply(session, lead.email, RECEIVED, body)
    assert ["replied"] == lead_tags(lead)
    assert "CONTACTED" == lead.status


@freeze_time("2026-01-15T12:00:00Z")
def test_l39_reply_is_stored_and_matched_case_insensitively(session, lead):
    """The reply is stored in cam_replies with the lead found by e-mail, ignoring case."""
    reply = process_reply(session, "alice.moreno@BRIGHTPAY.io", RECEIVED, "Call me")
    stored = session.get(ReplyRow, reply.id)
    assert (lead.id, "POSITIVE", 0.75) == (stored.lead_id, stored.category, stored.confidence)
    assert datetime(2026, 1, 15, 12, tzinfo=timezone.utc) == stored.processed_at


@freeze_time("2026-01-15T12:00:00Z")
def test_l39_reply_from_unknown_address_has_no_lead(session, lead):
    """A reply from an address without a lead is stored with lead_id None."""
    assert None is process_reply(session, "stranger@nowhere.org", RECEIVED, "Yes").lead_id


@freeze_time("2026-01-15T12:00:00Z")
def test_q22_last_replied_at_stays_empty(session, lead):
    """Q-22: the reply time goes to an attribute the table does not have; last_replied_at stays None."""
    process_reply(session, lead.email, RECEIVED, "Yes, interested")
    session.commit()
    session.expire_all()
    reloaded = session.get(LeadRow, lead.id)
    assert None is reloaded.last_replied_at
    assert "REPLIED" == reloaded.status
