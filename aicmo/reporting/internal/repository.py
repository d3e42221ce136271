"""Reports in reporting's tables: a report with the simulated rows behind it, read back by id."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Optional

from sqlalchemy import select

from aicmo.reporting.api import PerformanceReport
from aicmo.reporting.internal.rules import DayRow
from aicmo.reporting.internal.tables import ReportingMetricRow, ReportingReportRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["ReportRepository", "StoredRow"]

StoredRow = tuple[str, DayRow]  # a simulated row with the id it was stored under


class ReportRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, report: PerformanceReport, rows: Sequence[StoredRow]) -> None:
        self._session.add(ReportingReportRow(
            id=str(report.report_id), client_id=str(report.client_id), period_start=report.period.start,
            period_end=report.period.end, report=report.model_dump_json(), created_at=report.created_at,
        ))
        self._session.add_all(
            ReportingMetricRow(id=row_id, report_id=str(report.report_id), position=n, channel=row.channel, day=row.day,
                               impressions=row.impressions, clicks=row.clicks, conversions=row.conversions,
                               spend=repr(row.spend), revenue=repr(row.revenue))
            for n, (row_id, row) in enumerate(rows)
        )
        self._session.flush()

    def get(self, report_id: str) -> Optional[PerformanceReport]:
        row = self._session.get(ReportingReportRow, report_id)
        return None if row is None else PerformanceReport.model_validate_json(row.report)

    def rows_of(self, report_id: str) -> list[StoredRow]:
        query = select(ReportingMetricRow).where(ReportingMetricRow.report_id == report_id).order_by(ReportingMetricRow.position)
        return [
            (r.id, DayRow(channel=r.channel, day=r.day, impressions=r.impressions, clicks=r.clicks,
                          conversions=r.conversions, spend=float(r.spend), revenue=float(r.revenue)))
            for r in self._session.scalars(query)
        ]
