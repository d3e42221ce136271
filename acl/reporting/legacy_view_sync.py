"""The legacy view of reports: with reporting on its new path, keep report_snapshots and report_metrics as legacy wrote them.

The new reporting keeps its reports in its own tables. Legacy's tables stay what a deployment
routed back to legacy reads (the legacy adapter's get_report finds a report in
report_snapshots) and what the pins and the journeys compare: so after each new report this
sync writes, through the legacy session, the rows legacy's generate_report wrote: one
report_metrics row per simulated day and channel, under the id reporting drew for it, and the
snapshot under the report's id, its payload legacy's report dict as JSON. Both tables are
reporting's own (legacy's), so no other module's table is written. Rows already there are left
alone: syncing a replayed report again writes nothing.
"""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from acl._support.legacy_answers import legacy_answer
from acl._support.legacy_session import legacy_session
from acl._support.row_reads import row_by_id
from acl._support.translate import aware, build
from aicmo.cam.api import OutreachStats
from aicmo.reporting.api import (
    Attribution,
    AttributionRequest,
    OutreachEfficiency,
    Performance,
    PerformanceReport,
    ReportId,
    ReportingPort,
    ReportNotFound,
    ReportRequest,
)
from backend.db.models import ReportMetricRow, ReportSnapshotRow

__all__ = ["ReportingWithLegacyView", "legacy_payload", "report_of_snapshot", "sync_legacy_view"]

MODULE = "reporting"


def _scope(performance: Performance) -> dict[str, Any]:
    # money back to legacy's float: the Decimal was read from the float's repr, so it is that float again
    totals = performance.totals
    return {
        "totals": {"impressions": totals.impressions, "clicks": totals.clicks, "conversions": totals.conversions,
                   "spend": float(totals.spend), "revenue": float(totals.revenue)},
        "kpis": {"ctr": performance.kpis.ctr, "cvr": performance.kpis.cvr, "cpa": float(performance.kpis.cpa),
                 "roas": performance.kpis.roas},
        "change": performance.change.model_dump(),
    }


def legacy_payload(report: PerformanceReport) -> dict[str, Any]:
    """The dict legacy's generate_report stored as the snapshot's payload_json."""
    return {
        "channels": {c.channel: _scope(c) for c in report.channels},
        "overall": _scope(report.overall),
        "top_channels": list(report.top_channels),
        "underperforming_channels": list(report.underperforming_channels),
        "average_roas": report.average_roas,
        "alerts": [{"scope": a.scope, "level": a.level.value, "reason": a.reason} for a in report.alerts],
        "period": {"start": report.period.start.isoformat(), "end": report.period.end.isoformat()},
    }


def report_of_snapshot(row: ReportSnapshotRow) -> PerformanceReport:
    """A report legacy stored (the inverse of legacy_payload), as the legacy adapter's get_report reads it."""
    payload = json.loads(row.payload_json)
    return build(PerformanceReport, {
        **payload,
        "report_id": row.id,
        "client_id": row.campaign_id,
        "channels": tuple({"channel": name, **values} for name, values in payload["channels"].items()),
        "created_at": aware(row.created_at),
    }, "legacy report snapshot")


def sync_legacy_view(report: PerformanceReport, simulated: list[tuple[str, Any]]) -> None:
    """Write the report's snapshot and its simulated rows (id, row) into legacy's tables, where not there yet."""
    client_id, report_id = str(report.client_id), str(report.report_id)
    with legacy_session(MODULE) as session:
        ids = [row_id for row_id, _ in simulated]
        # one read for the report's rows, not one a row: a replayed report finds them all there
        present = set(session.scalars(select(ReportMetricRow.id).where(ReportMetricRow.id.in_(ids)))) if ids else set()
        for row_id, row in simulated:
            if row_id not in present:
                session.add(ReportMetricRow(id=row_id, campaign_id=client_id, channel=row.channel, day=row.day,
                                            impressions=row.impressions, clicks=row.clicks, conversions=row.conversions,
                                            spend=row.spend, revenue=row.revenue))
        if row_by_id(session, ReportSnapshotRow, report_id) is None:
            session.add(ReportSnapshotRow(id=report_id, campaign_id=client_id, period_start=report.period.start,
                                          period_end=report.period.end,
                                          payload_json=json.dumps(legacy_payload(report), sort_keys=True),
                                          created_at=report.created_at))
        session.flush()


class ReportingWithLegacyView:
    """A ReportingPort that keeps legacy's report tables in step with the new reporting it wraps.

    A key legacy already answered before the route changed (a journey in flight) is answered as
    legacy answered it: its rows are in legacy's tables already. A report legacy generated then is
    still found by get_report, in its snapshot.
    """

    def __init__(self, reporting: ReportingPort) -> None:
        self._reporting = reporting

    def generate_report(self, request: ReportRequest, idempotency_key: str) -> PerformanceReport:
        earlier = legacy_answer(MODULE, "generate_report", idempotency_key, request, PerformanceReport)
        if earlier is not None:
            return earlier
        report = self._reporting.generate_report(request, idempotency_key)
        sync_legacy_view(report, self._reporting.simulated_rows(str(report.report_id)))  # type: ignore[attr-defined]
        return report

    def get_report(self, report_id: ReportId) -> PerformanceReport:
        try:
            return self._reporting.get_report(report_id)
        except ReportNotFound:
            with legacy_session(MODULE) as session:
                row = row_by_id(session, ReportSnapshotRow, str(report_id))
                if row is None:
                    raise
                return report_of_snapshot(row)

    def measure_outreach_efficiency(self, stats: OutreachStats, ctr: float = 0.0) -> OutreachEfficiency:
        return self._reporting.measure_outreach_efficiency(stats, ctr)

    def attribute_conversion(self, request: AttributionRequest) -> Attribution:
        return self._reporting.attribute_conversion(request)
