"""Timestamps are UTC whatever the machine's local zone.

The pinned clock (freezegun) answers ``datetime.now()`` and ``datetime.now(timezone.utc)`` with
the same wall time, so a stamp taken with the naive local clock would look right in every other
test. Here the legacy module sees a clock whose local zone is +05:30: a stamp must still read
the UTC instant.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import ModuleType

import pytest
from sqlalchemy import select

from aicmo import operator_services
from aicmo.domain import ClientIntake
from backend.db.models import CampaignRow, ReportSnapshotRow
from backend.services import reporting
from backend.services.onboarding import create_client
from tests.characterization import corpus

pytestmark = pytest.mark.legacy_internals("onboarding", "orchestration", "reporting", "domain")

LOCAL_ZONE = timezone(timedelta(hours=5, minutes=30))


def run_in_local_zone(monkeypatch: pytest.MonkeyPatch, module: ModuleType) -> None:
    """The module's ``datetime`` answers a naive ``now()`` in LOCAL_ZONE, as on such a machine."""
    pinned = module.datetime  # freezegun's class while the clock is pinned

    class LocalZoneClock(pinned):
        @classmethod
        def now(cls, tz=None):
            if tz is None:
                return pinned.now(timezone.utc).astimezone(LOCAL_ZONE).replace(tzinfo=None)
            return pinned.now(tz)

    monkeypatch.setattr(module, "datetime", LocalZoneClock)


def as_utc(stamp: datetime) -> datetime:
    """SQLite hands a stored stamp back naive; PostgreSQL would hand it back aware."""
    return stamp.replace(tzinfo=timezone.utc) if stamp.tzinfo is None else stamp.astimezone(timezone.utc)


def test_the_journey_stamps_the_campaign_in_utc(fixed_clock, memory_db, monkeypatch):
    run_in_local_zone(monkeypatch, operator_services)
    summary = operator_services.run_client_journey(corpus.intake("complete_uk_strategy_sales"), out_dir="out")
    with memory_db.session() as session:
        stamp = session.scalar(select(CampaignRow.updated_at).where(CampaignRow.id == summary["campaign"]["id"]))
    assert as_utc(stamp) == fixed_clock.now()


def test_a_report_snapshot_is_stamped_in_utc(fixed_clock, legacy_session, monkeypatch):
    run_in_local_zone(monkeypatch, reporting)
    campaign = create_client(legacy_session, ClientIntake(brand_name="Zoned"))
    report = reporting.generate_report(legacy_session, campaign, ["social"])
    stamp = legacy_session.get(ReportSnapshotRow, report["snapshot_id"]).created_at
    assert as_utc(stamp) == fixed_clock.now()
