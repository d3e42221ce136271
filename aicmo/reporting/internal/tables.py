"""Reporting's own tables, on reporting's own declarative Base, each registered as owned by reporting.

The reports live here; legacy's report_snapshots and report_metrics (main schema, the same file
on SQLite, hence other names) are only their legacy view from now on, kept by
acl/reporting/legacy_view_sync.py. A simulated report keeps its metric rows with the ids it drew
for them, so the view holds the rows legacy would have stored. Spend and revenue are kept as the
repr of legacy's float, which reads back to the very same float.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from aicmo.shared.persistence.keyed_answers import KeyedAnswerRow
from aicmo.shared.persistence.metadata import owner_metadata
from aicmo.shared.persistence.outbox import OutboxRow
from aicmo.shared.persistence.ownership import register_table
from aicmo.shared.persistence.types import UtcDateTime

__all__ = ["ReportingBase", "ReportingCommandRow", "ReportingMetricRow", "ReportingOutboxRow", "ReportingReportRow"]

# literal calls, so the static ownership check sees the owner without importing this file
register_table("reporting_reports", "reporting")
register_table("reporting_metric_rows", "reporting")
register_table("reporting_commands", "reporting")
register_table("reporting_outbox", "reporting")


class ReportingBase(DeclarativeBase):
    """The metadata of reporting's tables only, in the `reporting` schema; never the legacy Base."""

    metadata = owner_metadata("reporting")


class ReportingReportRow(ReportingBase):
    """One performance report, the DTO as JSON (its figures never change once generated)."""

    __tablename__ = "reporting_reports"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    report: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ReportingMetricRow(ReportingBase):
    """One simulated day of one channel behind a report, in the order it was simulated."""

    __tablename__ = "reporting_metric_rows"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    report_id: Mapped[str] = mapped_column(String(36), index=True)
    position: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(40))
    day: Mapped[date] = mapped_column(Date)
    impressions: Mapped[int] = mapped_column(Integer)
    clicks: Mapped[int] = mapped_column(Integer)
    conversions: Mapped[int] = mapped_column(Integer)
    spend: Mapped[str] = mapped_column(String(40))
    revenue: Mapped[str] = mapped_column(String(40))


class ReportingCommandRow(KeyedAnswerRow, ReportingBase):
    """A keyed command's answer, kept for its replays: the same key and request answer the same."""

    __tablename__ = "reporting_commands"


class ReportingOutboxRow(OutboxRow, ReportingBase):
    """An integration event reporting raised, written in the transaction that caused it."""

    __tablename__ = "reporting_outbox"
