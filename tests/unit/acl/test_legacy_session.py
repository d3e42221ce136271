"""Each port call runs in its own legacy session: committed on success, rolled back on error, always closed."""
from __future__ import annotations

import datetime as dt

import pytest

from acl._support.legacy_session import legacy_session
from backend.db import session as legacy_globals
from backend.db.models import CampaignRow

WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


@pytest.fixture
def opened(monkeypatch):
    """Every legacy session opened during the test."""
    sessions = []
    factory = legacy_globals.SessionLocal

    def recording():
        sessions.append(factory())
        return sessions[-1]

    monkeypatch.setattr(legacy_globals, "SessionLocal", recording)
    return sessions


def rows(memory_db) -> list[str]:
    return [row["id"] for row in memory_db.rows("cam_campaigns")]


def test_a_call_that_returns_is_committed_and_closed(memory_db, opened):
    """The row lands and the session holds nothing afterwards."""
    with legacy_session("cam") as session:
        session.add(CampaignRow(id="c1", name="n", created_at=WHEN))
    assert (["c1"], False, 0) == (rows(memory_db), opened[0].in_transaction(), len(opened[0].identity_map))


def test_a_call_that_raises_is_rolled_back_and_closed(memory_db, opened):
    """A flushed row of a failing call does not land."""
    with pytest.raises(LookupError), legacy_session("cam") as session:
        session.add(CampaignRow(id="c1", name="n", created_at=WHEN))
        session.flush()
        raise LookupError("refused")
    assert ([], False, 0) == (rows(memory_db), opened[0].in_transaction(), len(opened[0].identity_map))


def test_every_port_call_opens_its_own_session(ports, opened):
    """Two port calls, two sessions, both closed: the caller never holds the legacy session."""
    from aicmo.onboarding.api import ClientIntake

    project = ports.onboarding.onboard_client(ClientIntake(brand_name="Acme"), "k1")
    ports.onboarding.get_project(project.client_id)
    assert (2, [False, False]) == (len(opened), [s.in_transaction() for s in opened])
