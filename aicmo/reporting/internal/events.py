"""The integration events reporting raises, with ids derived from the report that raised them."""
from __future__ import annotations

from datetime import datetime

from aicmo.reporting.api import PerformanceAlertRaised, PerformanceReport, ReportGenerated
from aicmo.shared.ids import CorrelationId, MessageId, derived_id

__all__ = ["report_events"]


def _common(report: PerformanceReport, event_type: str, number: int, at: datetime) -> dict:
    return {
        # one report raises one ReportGenerated and its alerts in order, so report, type and place name each
        "event_id": derived_id(MessageId, "reporting", str(report.report_id), event_type, number),
        "occurred_at": at,
        # a client's journey is the flow, so its id stands in
        "correlation_id": CorrelationId(str(report.client_id)),
    }


def report_events(report: PerformanceReport, at: datetime) -> list:
    """ReportGenerated (retention reads its ROAS), then one PerformanceAlertRaised per alert."""
    raised: list = [ReportGenerated(**_common(report, "ReportGenerated", 0, at), report_id=report.report_id,
                                    client_id=report.client_id, period=report.period, roas=report.overall.kpis.roas)]
    raised += [PerformanceAlertRaised(**_common(report, "PerformanceAlertRaised", n, at), report_id=report.report_id,
                                      client_id=report.client_id, scope=alert.scope, level=alert.level, reason=alert.reason)
               for n, alert in enumerate(report.alerts)]
    return raised
