"""Reporting's integration events."""
from __future__ import annotations

from aicmo.reporting.api.dtos import AlertLevel, ReportId, ReportPeriod
from aicmo.shared.events import IntegrationEvent
from aicmo.shared.ids import ClientId

__all__ = ["PerformanceAlertRaised", "ReportGenerated"]


class ReportGenerated(IntegrationEvent):
    """A performance report was generated."""

    report_id: ReportId
    """The report."""
    client_id: ClientId
    """The client."""
    period: ReportPeriod
    """Its period."""
    roas: float
    """The overall ROAS; retention reads it."""


class PerformanceAlertRaised(IntegrationEvent):
    """A report raised an alert."""

    report_id: ReportId
    """The report."""
    client_id: ClientId
    """The client."""
    scope: str
    """The channel, or "overall"."""
    level: AlertLevel
    """How loud."""
    reason: str
    """Why."""
