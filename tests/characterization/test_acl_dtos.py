"""Characterization through the ACL: the DTOs the legacy adapters return over the corpus, pinned.

These snapshots are what every new module implementation must reproduce through its port.
"""
from __future__ import annotations

import datetime as dt

import pytest

from aicmo.orchestration import bootstrap
from aicmo.orchestration.acquisition import run_acquisition
from aicmo.orchestration.journey import run_client_journey
from aicmo.reporting.api import ChannelDayMetrics, ReportRequest
from tests.characterization import corpus
from tests.characterization.test_operator_journey import JOURNEY_INTAKES

# every adapter imported now, before the clock is frozen (pydantic must not meet freezegun's date)
bootstrap.legacy_ports()

CLIENT = "11111111-1111-4111-8111-111111111111"
METRIC_SERIES = sorted(name for name, rows in corpus.metric_series().items() if rows)  # no rows: the port simulates


@pytest.fixture
def ports(memory_db):
    return bootstrap.legacy_ports()


@pytest.mark.parametrize("intake_id", JOURNEY_INTAKES)
def test_the_journey_dtos(ports, intake_id, snapshot_json):
    """Every port's DTO of a whole journey over a corpus intake."""
    intake = ports.onboarding.read_intake_request(corpus.intake(intake_id))
    assert snapshot_json == run_client_journey(ports, intake, out_dir="out")


@pytest.mark.parametrize("campaign_id", sorted(corpus.campaigns()))
def test_the_acquisition_dtos(ports, campaign_id, snapshot_json):
    """Every CAM DTO of an acquisition run over the corpus leads and replies under a corpus campaign."""
    files = bootstrap.acquisition_files()
    given = files.read_acquisition_input(corpus.campaigns()[campaign_id], corpus.CORPUS / "leads.csv", corpus.CORPUS / "replies.csv")
    assert snapshot_json == run_acquisition(ports, given.campaign, given.leads, given.replies)


@pytest.mark.parametrize("series", METRIC_SERIES)
def test_the_report_dtos(ports, series, snapshot_json):
    """The performance report of each corpus metric series."""
    rows = corpus.metric_series()[series]
    metrics = tuple(ChannelDayMetrics(**{**vars(r), "day": dt.date.fromisoformat(str(r.day))}) for r in rows)
    request = ReportRequest(client_id=CLIENT, channels=tuple(sorted({m.channel for m in metrics})), metrics=metrics)
    assert snapshot_json == ports.reporting.generate_report(request, f"report:{series}")
