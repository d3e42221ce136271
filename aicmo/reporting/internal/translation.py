"""Reporting's figures -> the port's DTOs (floats as legacy computed them; pydantic reads money through their repr)."""
from __future__ import annotations

from datetime import date, datetime

from aicmo.reporting.api import PerformanceReport
from aicmo.reporting.internal.rules import ReportFigures, ScopeFigures

__all__ = ["report_dto"]


def _scope(figures: ScopeFigures) -> dict:
    return {"totals": figures.totals, "kpis": figures.kpis, "change": figures.change}


def report_dto(report_id: str, client_id: str, start: date, end: date, figures: ReportFigures,
               created_at: datetime) -> PerformanceReport:
    return PerformanceReport.model_validate({
        "report_id": report_id,
        "client_id": client_id,
        "period": {"start": start, "end": end},
        "channels": tuple({"channel": name, **_scope(scope)} for name, scope in figures.channels),
        "overall": _scope(figures.overall),
        "top_channels": figures.top_channels,
        "underperforming_channels": figures.underperforming_channels,
        "average_roas": figures.average_roas,
        "alerts": figures.alerts,
        "created_at": created_at,
    })
