"""Reporting translation: legacy report dicts and snapshot rows <-> PerformanceReport; metrics -> legacy rows."""
from __future__ import annotations

import json
from datetime import datetime
from types import SimpleNamespace
from typing import Any, Sequence

from acl._support.errors import TranslationError
from acl._support.translate import aware, build, legacy_value
from aicmo.reporting.api import ChannelDayMetrics, PerformanceReport
from backend.db.models import ReportSnapshotRow

__all__ = ["metrics_to_legacy", "report_from_legacy", "report_from_row"]


def metrics_to_legacy(metrics: Sequence[ChannelDayMetrics]) -> list[Any]:
    """Metric rows as build_report reads them (attributes of a report_metrics row)."""
    return [SimpleNamespace(**{**legacy_value(m), "day": m.day}) for m in metrics]


def report_from_legacy(legacy: dict[str, Any], client_id: str, created_at: datetime) -> PerformanceReport:
    return build(
        PerformanceReport,
        {
            "report_id": legacy["snapshot_id"],
            "client_id": client_id,
            "period": legacy["period"],
            "channels": tuple({"channel": name, **values} for name, values in legacy["channels"].items()),
            "overall": legacy["overall"],
            "top_channels": legacy["top_channels"],
            "underperforming_channels": legacy["underperforming_channels"],
            "average_roas": legacy["average_roas"],
            "alerts": legacy["alerts"],
            "created_at": created_at,
        },
        "legacy report",
    )


def report_from_row(row: ReportSnapshotRow) -> PerformanceReport:
    try:
        payload = json.loads(row.payload_json)
    except ValueError:
        raise TranslationError(f"report_snapshots {row.id}: field 'payload_json' is not JSON", field="payload_json") from None
    return report_from_legacy({**payload, "snapshot_id": row.id}, row.campaign_id, aware(row.created_at))
