"""Reporting's port: performance reports, outreach efficiency, attribution."""
from __future__ import annotations

from typing import Protocol, runtime_checkable

from aicmo.cam.api import OutreachStats
from aicmo.reporting.api.dtos import (
    Attribution,
    AttributionRequest,
    OutreachEfficiency,
    PerformanceReport,
    ReportId,
    ReportRequest,
)
from aicmo.shared.dto import IdempotencyKey

__all__ = ["ReportingPort"]


@runtime_checkable
class ReportingPort(Protocol):
    """What other modules and the orchestration may ask of reporting."""

    def generate_report(self, request: ReportRequest, idempotency_key: IdempotencyKey) -> PerformanceReport:
        """KPIs per channel and overall, top and underperforming channels, alerts (L-23, L-24, Q-13)."""
        ...

    def get_report(self, report_id: ReportId) -> PerformanceReport:
        """A stored report; ReportNotFound when unknown."""
        ...

    def measure_outreach_efficiency(self, stats: OutreachStats, ctr: float = 0.0) -> OutreachEfficiency:
        """The outreach efficiency of an acquisition run (L-25)."""
        ...

    def attribute_conversion(self, request: AttributionRequest) -> Attribution:
        """Share a conversion's value among its touches by the model (L-25)."""
        ...
