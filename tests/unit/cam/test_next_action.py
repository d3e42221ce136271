"""Next action timing and stop conditions (L-40, Q-22, Q-23)."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from freezegun import freeze_time

from backend.db.models import LeadRow
from backend.services.cam.next_action import next_action_at, should_stop
from backend.services.cam.replies import process_reply

pytestmark = pytest.mark.legacy_internals("cam")

NOW = datetime(2026, 1, 15, 10, 0, tzinfo=timezone.utc)


def lead(status="NEW", score=None, tags=(), first_contacted_at=None) -> LeadRow:
    return LeadRow(id="lead-1", campaign_id="c-1", email="a@b.io", status=status, lead_score=score,
                   tags=json.dumps(list(tags)), first_contacted_at=first_contacted_at, created_at=NOW)


def test_l40_new_lead_in_five_minutes():
    """NEW: +5 minutes."""
    assert NOW + timedelta(minutes=5) == next_action_at(lead("NEW"), NOW)


@pytest.mark.parametrize(
    "score, minutes",
    [(0.5, 180), (0.0, 360), (0.95, 30), (0.9, 35)],
)
def test_l40_enriched_lead_waits_by_score(score, minutes):
    """ENRICHED: max(30, int(360 x (1 - score))) minutes (int of a float: 0.9 gives 35)."""
    assert NOW + timedelta(minutes=minutes) == next_action_at(lead("ENRICHED", score), NOW)


def test_l40_enriched_without_score_waits_an_hour():
    """ENRICHED without a score: +1 hour."""
    assert NOW + timedelta(hours=1) == next_action_at(lead("ENRICHED"), NOW)


def test_l40_contacted_waits_three_days_or_seven_after_attempt_2():
    """CONTACTED: +3 d; +7 d with the exact tag attempt_2."""
    assert NOW + timedelta(days=3) == next_action_at(lead("CONTACTED"), NOW)
    assert NOW + timedelta(days=7) == next_action_at(lead("CONTACTED", tags=["attempt_2"]), NOW)


def test_q23_attempt_3_goes_back_to_three_days():
    """Q-23: only "attempt_2" waits a week; "attempt_3" is back to 3 days."""
    assert NOW + timedelta(days=3) == next_action_at(lead("CONTACTED", tags=["attempt_3"]), NOW)


def test_l40_replied_next_day_and_others_none():
    """REPLIED: +1 d; any other status: no next action."""
    assert NOW + timedelta(days=1) == next_action_at(lead("REPLIED"), NOW)
    assert [None, None, None] == [next_action_at(lead(s), NOW) for s in ("LOST", "QUALIFIED", "REJECTED")]


@pytest.mark.parametrize("status", ["LOST", "QUALIFIED", "REPLIED"])
def test_l40_stop_statuses(status):
    """LOST, QUALIFIED and REPLIED stop the sequence."""
    assert should_stop(lead(status), NOW)


def test_l40_do_not_contact_stops():
    """The tag do_not_contact stops the sequence."""
    assert should_stop(lead("CONTACTED", tags=["do_not_contact"]), NOW)


def test_l40_stop_after_30_days_without_reply():
    """More than 30 days after first contact without a reply: stop."""
    assert should_stop(lead("CONTACTED", first_contacted_at=NOW - timedelta(days=31)), NOW)
    assert not should_stop(lead("CONTACTED", first_contacted_at=NOW - timedelta(days=29)), NOW)
    assert not should_stop(lead("NEW"), NOW)


@freeze_time("2026-01-15T10:00:00Z")
def test_q22_a_lead_that_replied_still_times_out(session):
    """Q-22: last_replied_at is never written, so a lead that replied stops after 30 days anyway."""
    row = lead("CONTACTED", first_contacted_at=NOW - timedelta(days=31))
    session.add(row)
    session.flush()
    process_reply(session, row.email, NOW - timedelta(days=2), "Can you tell me more about pricing?")
    assert "CONTACTED" == row.status
    assert None is row.last_replied_at
    assert should_stop(row, NOW)
