"""ReportingPort contract: reports, outreach efficiency, attribution."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from aicmo.cam.api import OutreachStats
from aicmo.reporting.api import (
    AttributionRequest,
    ChannelDayMetrics,
    ReportNotFound,
    ReportRequest,
)
from tests.port_suites.builders import UNKNOWN

pytestmark = pytest.mark.aicmo_evidence(module="reporting", suite="contract")

CLIENT = "11111111-1111-4111-8111-111111111111"


def test_a_simulated_report_covers_the_requested_channels(ports):
    """One performance block per requested channel, 30 days (L-23)."""
    report = ports.reporting.generate_report(ReportRequest(client_id=CLIENT, channels=("search", "email")), "r1")
    assert (["email", "search"], 29) == ([c.channel for c in report.channels], (report.period.end - report.period.start).days)


def test_a_report_of_measured_metrics_computes_the_kpis(ports):
    """CTR, CVR, CPA and ROAS from the given metrics (L-23)."""
    day = ChannelDayMetrics(channel="search", day=dt.date(2026, 1, 1), impressions=1000, clicks=50, conversions=5,
                            spend=Decimal("100"), revenue=Decimal("300"))
    kpis = ports.reporting.generate_report(ReportRequest(client_id=CLIENT, channels=("search",), metrics=(day,)), "r1").overall.kpis
    assert (0.05, 0.1, Decimal("20"), 3.0) == (kpis.ctr, kpis.cvr, kpis.cpa, kpis.roas)


def test_get_report_reads_back_the_report(ports):
    """The report read back equals the generated one."""
    report = ports.reporting.generate_report(ReportRequest(client_id=CLIENT, channels=("social",)), "r1")
    assert report == ports.reporting.get_report(report.report_id)


def test_an_unknown_report_is_not_found(ports):
    """ReportNotFound for an unknown id."""
    with pytest.raises(ReportNotFound):
        ports.reporting.get_report(UNKNOWN)


def test_outreach_efficiency_weighs_delivery_replies_and_ctr(ports):
    """0.3 delivery rate + 0.5 reply rate + 0.2 CTR (L-25)."""
    efficiency = ports.reporting.measure_outreach_efficiency(OutreachStats(sent=10, failed=0, replies=5), 0.0)
    assert 0.55 == pytest.approx(efficiency.score)


@pytest.mark.parametrize(("model", "expected"), [
    ("first_touch", {"email": Decimal("100"), "search": Decimal("0"), "social": Decimal("0")}),
    ("linear", {"email": Decimal("33.33"), "search": Decimal("33.33"), "social": Decimal("33.33")}),
    ("position_based", {"email": Decimal("40"), "search": Decimal("20"), "social": Decimal("40")}),
])
def test_attribution_shares_the_value_by_model(ports, model, expected):
    """First touch, linear and position-based credits of three touches (L-25)."""
    request = AttributionRequest(touches=("email", "search", "social"), value=Decimal("100"), model=model)
    assert expected == {c.channel: c.value for c in ports.reporting.attribute_conversion(request).credits}
