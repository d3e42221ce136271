"""The reporting port, implemented by reporting's own rules and tables (the new path of the reporting route)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

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
from aicmo.reporting.internal import rules
from aicmo.reporting.internal.events import report_events
from aicmo.reporting.internal.ids import ReportIds
from aicmo.reporting.internal.repository import StoredRow
from aicmo.reporting.internal.rules import DayRow
from aicmo.reporting.internal.simulator import simulate
from aicmo.reporting.internal.translation import report_dto
from aicmo.reporting.internal.unit_of_work import ReportingUnitOfWork
from aicmo.shared.clock import Clock
from aicmo.shared.persistence.idempotency import value_fingerprint
from aicmo.shared.seeded_uuid import ids_drawn

__all__ = ["ReportingService"]


def _measured(request: ReportRequest) -> list[DayRow]:
    # money as legacy holds it: the float of the amount
    return [DayRow(channel=m.channel, day=m.day, impressions=m.impressions, clicks=m.clicks, conversions=m.conversions,
                   spend=float(m.spend), revenue=float(m.revenue)) for m in request.metrics]


class ReportingService:
    """ReportingPort over reporting's unit of work; the request carries every metric it reports on."""

    def __init__(self, unit_of_work: Callable[[], ReportingUnitOfWork], clock: Clock, ids: ReportIds) -> None:
        self._unit_of_work, self._clock, self._ids = unit_of_work, clock, ids

    def generate_report(self, request: ReportRequest, idempotency_key: str) -> PerformanceReport:
        """L-23/L-24/Q-13 over the measured metrics, or over legacy's simulator seeded by the client id."""
        method, fingerprint = "generate_report", value_fingerprint(request)
        now = self._clock.now()
        today = now.astimezone(dt.timezone.utc).date()  # declared period_on_utc_date: legacy reads date.today()
        client_id = str(request.client_id)
        with self._unit_of_work().for_writing() as uow:
            stored = uow.answers.replay(method, idempotency_key, fingerprint)
            if stored is not None:
                return PerformanceReport.model_validate_json(stored)
            simulated = not request.metrics
            rows = simulate(client_id, request.channels, today) if simulated else _measured(request)
            # only simulated rows are stored with ids (legacy stores measured ones nowhere)
            row_ids, report_id = self._ids.ids(idempotency_key, len(rows) if simulated else 0)
            days = [r.day for r in rows]
            start, end = (min(days), max(days)) if days else (today, today)
            result = report_dto(report_id, client_id, start, end, rules.figures(rows), now)
            kept: list[StoredRow] = list(zip(row_ids, rows))
            uow.reports.add(result, kept)
            uow.answers.record(method, idempotency_key, fingerprint, result.model_dump_json(), ids_drawn(), now)
            for event in report_events(result, now):
                uow.outbox.append(event)
            uow.commit()
        return result

    def get_report(self, report_id: ReportId) -> PerformanceReport:
        with self._unit_of_work() as uow:
            report = uow.reports.get(str(report_id))
        if report is None:
            raise ReportNotFound(f"report {report_id} not found", report_id=str(report_id))
        return report

    def measure_outreach_efficiency(self, stats: OutreachStats, ctr: float = 0.0) -> OutreachEfficiency:
        """L-25: delivery rate over sent plus failed, reply rate over sent."""
        delivery_rate = rules.rate(stats.sent, stats.sent + stats.failed)
        reply_rate = rules.rate(stats.replies, stats.sent)
        score = rules.outreach_efficiency(delivery_rate, reply_rate, ctr)
        return OutreachEfficiency(delivery_rate=delivery_rate, reply_rate=reply_rate, ctr=ctr, score=score)

    def attribute_conversion(self, request: AttributionRequest) -> Attribution:
        credit = rules.attribute(list(request.touches), float(request.value), request.model.value)
        return Attribution(model=request.model, credits=tuple({"channel": c, "value": v} for c, v in credit.items()))

    # -- the legacy view ------------------------------------------------------------------

    def simulated_rows(self, report_id: str) -> list[StoredRow]:
        """The simulated rows behind a report with their ids, in the order simulated (for the legacy view)."""
        with self._unit_of_work() as uow:
            return uow.reports.rows_of(report_id)
