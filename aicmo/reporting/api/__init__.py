"""Reporting's public contract: the only thing other modules, the ACL and the orchestration may import.

Raise the major of CONTRACT_VERSION with any breaking change; `aicmo contracts check` enforces it.
"""
from __future__ import annotations

from aicmo.reporting.api.dtos import (
    AlertLevel,
    Attribution,
    AttributionModel,
    AttributionRequest,
    ChannelCredit,
    ChannelDayMetrics,
    ChannelPerformance,
    KpiChange,
    Kpis,
    MetricTotals,
    OutreachEfficiency,
    Performance,
    PerformanceAlert,
    PerformanceReport,
    ReportId,
    ReportPeriod,
    ReportRequest,
)
from aicmo.reporting.api.errors import (
    ReportNotFound,
)
from aicmo.reporting.api.events import (
    PerformanceAlertRaised,
    ReportGenerated,
)
from aicmo.reporting.api.ports import (
    ReportingPort,
)

CONTRACT_VERSION = "1.0.0"

__all__ = [
    "CONTRACT_VERSION",
    "AlertLevel",
    "Attribution",
    "AttributionModel",
    "AttributionRequest",
    "ChannelCredit",
    "ChannelDayMetrics",
    "ChannelPerformance",
    "KpiChange",
    "Kpis",
    "MetricTotals",
    "OutreachEfficiency",
    "Performance",
    "PerformanceAlert",
    "PerformanceAlertRaised",
    "PerformanceReport",
    "ReportGenerated",
    "ReportId",
    "ReportNotFound",
    "ReportPeriod",
    "ReportRequest",
    "ReportingPort",
]
