"""The cam adapter reads reply-derived times back with the instant and the offset legacy reports.

Legacy sets a lead's next action to received_at + 3/7 days in the reply's own offset and the
legacy flow reports that value from memory; SQLite stores only its clock time. These tests
fail when the adapter labels that clock time UTC (which moves the moment).
"""
from __future__ import annotations

import datetime as dt

import pytest

from acl.cam.times import NextActionMemory, restore, utc_instant
from aicmo.cam.api import AcquisitionCampaign, InboundReply, LeadProfile

pytestmark = pytest.mark.legacy_internals("cam")

PLUS_ONE = dt.timezone(dt.timedelta(hours=1))
MINUS_FIVE_THIRTY = dt.timezone(-dt.timedelta(hours=5, minutes=30))
FOLLOW_UP = dt.datetime(2026, 1, 22, 11, 2, 13, tzinfo=PLUS_ONE)


def test_a_naive_stored_clock_time_comes_back_with_the_remembered_offset():
    """SQLite: the naive clock time of a remembered follow-up is that follow-up, offset included."""
    restored = restore(FOLLOW_UP.replace(tzinfo=None), FOLLOW_UP)
    assert "2026-01-22T11:02:13+01:00" == restored.isoformat()


def test_an_aware_stored_instant_comes_back_with_the_remembered_offset():
    """PostgreSQL: timestamptz gives the instant in the session's zone; the remembered offset is kept."""
    assert "2026-01-22T11:02:13+01:00" == restore(FOLLOW_UP.astimezone(dt.timezone.utc), FOLLOW_UP).isoformat()


def test_without_a_remembered_time_a_stored_time_is_the_utc_instant():
    """Naive values are legacy's UTC clock times; aware ones (any zone) are given in UTC."""
    assert "2026-01-15T10:05:00+00:00" == restore(dt.datetime(2026, 1, 15, 10, 5), None).isoformat()
    assert "2026-01-22T10:02:13+00:00" == restore(FOLLOW_UP, None).isoformat()
    assert "2026-01-15T15:35:00+00:00" == utc_instant(dt.datetime(2026, 1, 15, 10, 5, tzinfo=MINUS_FIVE_THIRTY)).isoformat()
    assert restore(None, FOLLOW_UP) is None


def test_a_remembered_time_of_another_moment_is_not_used():
    """A stored value that is not the remembered moment (changed since) is read as UTC, not relabelled."""
    memory = NextActionMemory()
    memory.remember("lead-1", FOLLOW_UP)
    assert "2026-01-25T09:00:00+00:00" == memory.next_action_at("lead-1", dt.datetime(2026, 1, 25, 9)).isoformat()
    assert "2026-01-22T11:02:13+00:00" == memory.next_action_at("lead-2", FOLLOW_UP.replace(tzinfo=None)).isoformat()


def _lead_with_a_reply(ports, received_at: dt.datetime, body: str):
    campaign = ports.cam.create_campaign(AcquisitionCampaign(name="Offsets"), "c1")
    (lead,) = ports.cam.import_leads(campaign.campaign_id, (LeadProfile(email="ooo@acme.com"),), "i1")
    processed = ports.cam.process_reply(InboundReply(email="OOO@acme.com", received_at=received_at, body=body), "r1")
    return campaign, lead, processed


@pytest.mark.parametrize(
    ("received_at", "body", "expected"),
    [
        (dt.datetime(2026, 1, 15, 11, 2, 13, tzinfo=PLUS_ONE), "I am out of office.", "2026-01-22T11:02:13+01:00"),
        (dt.datetime(2026, 1, 15, 4, 35, 0, 250000, tzinfo=MINUS_FIVE_THIRTY), "Automatic reply", "2026-01-18T04:35:00.250000-05:30"),
        (dt.datetime(2026, 1, 15, 10, 0, tzinfo=dt.timezone.utc), "Auto-reply", "2026-01-18T10:00:00+00:00"),
    ],
    ids=["ooo_plus_one", "auto_reply_minus_five_thirty_fractional", "auto_reply_utc"],
)
def test_the_next_action_a_reply_sets_keeps_its_offset_in_later_calls(ports, received_at, body, expected):
    """L-39 through the port: next action and lead DTO carry received_at + delay in the reply's offset."""
    campaign, lead, processed = _lead_with_a_reply(ports, received_at, body)
    action = ports.cam.plan_next_action(lead.lead_id, dt.datetime(2026, 1, 15, 12, tzinfo=dt.timezone.utc))
    assert (received_at.isoformat(), expected) == (processed.received_at.isoformat(), action.next_action_at.isoformat())
    assert expected == ports.cam.get_lead(lead.lead_id).next_action_at.isoformat()
    assert [expected] == [listed.next_action_at.isoformat() for listed in ports.cam.list_leads(campaign.campaign_id)]


def test_a_later_reply_replaces_the_remembered_next_action(ports):
    """An out-of-office after an auto reply sets the next action again, in its own offset."""
    _, lead, _ = _lead_with_a_reply(ports, dt.datetime(2026, 1, 15, 11, tzinfo=PLUS_ONE), "Automatic reply")
    later = InboundReply(email="ooo@acme.com", received_at=dt.datetime(2026, 1, 16, 9, tzinfo=MINUS_FIVE_THIRTY), body="Away")
    ports.cam.process_reply(later, "r2")
    assert "2026-01-23T09:00:00-05:30" == ports.cam.get_lead(lead.lead_id).next_action_at.isoformat()


def test_a_positive_reply_after_an_out_of_office_keeps_its_next_action(ports):
    """A reply that sets no next action leaves the remembered one (legacy keeps the value too)."""
    _, lead, _ = _lead_with_a_reply(ports, dt.datetime(2026, 1, 15, 11, tzinfo=PLUS_ONE), "Out of office")
    ports.cam.process_reply(InboundReply(email="ooo@acme.com", received_at=dt.datetime(2026, 1, 16, 9, tzinfo=MINUS_FIVE_THIRTY), body="Yes"), "r2")
    action = ports.cam.plan_next_action(lead.lead_id, dt.datetime(2026, 1, 16, 12, tzinfo=dt.timezone.utc))
    assert "2026-01-22T11:00:00+01:00" == action.next_action_at.isoformat()


def test_a_planned_next_action_keeps_the_offset_of_the_given_now(ports):
    """A next action computed from a `now` that is not in UTC reads back in that offset, the same instant."""
    campaign = ports.cam.create_campaign(AcquisitionCampaign(name="Offsets"), "c1")
    (lead,) = ports.cam.import_leads(campaign.campaign_id, (LeadProfile(email="new@acme.com"),), "i1")
    now = dt.datetime(2026, 1, 15, 15, 30, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30)))
    action = ports.cam.plan_next_action(lead.lead_id, now)
    assert ["2026-01-15T15:35:00+05:30"] * 2 == [action.next_action_at.isoformat(), ports.cam.get_lead(lead.lead_id).next_action_at.isoformat()]
