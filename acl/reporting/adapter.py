"""ReportingPort over legacy: generate_report (simulated metrics), build_report, efficiency, attribution."""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from types import SimpleNamespace

from acl._support.idempotency import DurableIdempotency
from acl._support.legacy_session import legacy_session
from acl._support.row_reads import row_by_id
from acl._support.translate import aware, build
from acl.reporting.translation import (
    metrics_to_legacy,
    report_from_legacy,
    report_from_row,
)
from aicmo.cam.api import OutreachStats
from aicmo.reporting.api import (
    Attribution,
    AttributionRequest,
    OutreachEfficiency,
    PerformanceReport,
    ReportId,
    ReportNotFound,
    ReportRequest,
)
from backend.db.models import ReportSnapshotRow
from backend.services import reporting

__all__ = ["LegacyReporting"]

MODULE = "reporting"


def _rate(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


class LegacyReporting:
    """The reporting port, answered by the legacy reporting service."""

    def __init__(self) -> None:
        self._idempotency = DurableIdempotency(MODULE)

    def generate_report(self, request: ReportRequest, idempotency_key: str) -> PerformanceReport:
        def run() -> PerformanceReport:
            client_id = str(request.client_id)
            # legacy reads nothing of the project row but its id
            campaign = SimpleNamespace(id=client_id)
            with legacy_session(MODULE) as session:
                if not request.metrics:
                    legacy = reporting.generate_report(session, campaign, list(request.channels))
                else:
                    legacy = self._report_of_measured(session, client_id, request)
                row = row_by_id(session, ReportSnapshotRow, legacy["snapshot_id"])
                return report_from_legacy(legacy, client_id, aware(row.created_at))

        return self._idempotency.once("generate_report", idempotency_key, request, run)

    @staticmethod
    def _report_of_measured(session, client_id: str, request: ReportRequest) -> dict:
        # measured metrics: legacy's build_report over them, stored as generate_report stores a snapshot
        report = reporting.build_report(metrics_to_legacy(request.metrics))
        days = [m.day for m in request.metrics]
        report["period"] = {"start": min(days).isoformat(), "end": max(days).isoformat()}
        snapshot = ReportSnapshotRow(
            id=str(uuid.uuid4()), campaign_id=client_id, period_start=min(days), period_end=max(days),
            payload_json=json.dumps(report, sort_keys=True), created_at=datetime.now(timezone.utc),
        )
        session.add(snapshot)
        session.flush()
        report["snapshot_id"] = snapshot.id
        return report

    def get_report(self, report_id: ReportId) -> PerformanceReport:
        with legacy_session(MODULE) as session:
            row = row_by_id(session, ReportSnapshotRow, str(report_id))
            if row is None:
                raise ReportNotFound(f"report {report_id} not found", report_id=str(report_id))
            return report_from_row(row)

    def measure_outreach_efficiency(self, stats: OutreachStats, ctr: float = 0.0) -> OutreachEfficiency:
        delivery_rate = _rate(stats.sent, stats.sent + stats.failed)
        reply_rate = _rate(stats.replies, stats.sent)
        score = reporting.outreach_efficiency(delivery_rate, reply_rate, ctr)
        return OutreachEfficiency(delivery_rate=delivery_rate, reply_rate=reply_rate, ctr=ctr, score=score)

    def attribute_conversion(self, request: AttributionRequest) -> Attribution:
        credit = reporting.attribute(list(request.touches), float(request.value), request.model.value)
        return build(
            Attribution,
            {"model": request.model, "credits": tuple({"channel": c, "value": v} for c, v in credit.items())},
            "legacy attribution",
        )
