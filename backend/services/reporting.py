"""Reporting: simulated metrics, KPIs, alerts, outreach efficiency, attribution (section 7)."""
from __future__ import annotations

import json
import random
import uuid
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy.orm import Session

from backend.db.models import CampaignRow, ReportMetricRow, ReportSnapshotRow

REPORT_DAYS = 30
PREVIOUS_PERIOD_FACTOR = 0.9  # the "previous period" is not measured, it is derived
UNDERPERFORMING_FACTOR = 0.7
CONVERSION_FALL_ALERT = -0.10
ROAS_FALL_ALERT = -0.15
CPA_ALERT = 50.0
ATTRIBUTION_MODELS = ("first_touch", "last_touch", "linear", "time_decay", "position_based")


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def kpis(impressions: float, clicks: float, conversions: float, spend: float, revenue: float) -> dict[str, float]:
    """L-23: a zero denominator gives 0."""
    return {
        "ctr": _ratio(clicks, impressions),
        "cvr": _ratio(conversions, clicks),
        "cpa": _ratio(spend, conversions),
        "roas": _ratio(revenue, spend),
    }


def simulate_metrics(session: Session, campaign: CampaignRow, channels: list[str], days: int = REPORT_DAYS) -> list[ReportMetricRow]:
    """A deterministic simulator seeded by the campaign id."""
    rng = random.Random(campaign.id)
    start = date.today() - timedelta(days=days)
    rows = []
    for offset in range(days):
        for channel in channels:
            impressions = rng.randint(1000, 8000)
            clicks = int(impressions * rng.uniform(0.005, 0.04))
            conversions = int(clicks * rng.uniform(0.01, 0.12))
            spend = round(rng.uniform(30.0, 250.0), 2)
            revenue = round(spend * rng.uniform(0.2, 4.0), 2)
            row = ReportMetricRow(
                id=str(uuid.uuid4()),
                campaign_id=campaign.id,
                channel=channel,
                day=start + timedelta(days=offset),
                impressions=impressions,
                clicks=clicks,
                conversions=conversions,
                spend=spend,
                revenue=revenue,
            )
            session.add(row)
            rows.append(row)
    session.flush()
    return rows


def _totals(rows: list[Any]) -> dict[str, float]:
    totals = {"impressions": 0, "clicks": 0, "conversions": 0, "spend": 0.0, "revenue": 0.0}
    for row in rows:
        for key in totals:
            totals[key] += getattr(row, key)
    totals["spend"] = round(totals["spend"], 2)
    totals["revenue"] = round(totals["revenue"], 2)
    return totals


def _rounded(values: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 4) for k, v in values.items()}


def period_change(current: dict[str, float]) -> dict[str, float]:
    previous = {k: v * PREVIOUS_PERIOD_FACTOR for k, v in current.items()}
    return {k: _ratio(current[k] - previous[k], previous[k]) for k in current}


def alerts_for(scope: str, current: dict[str, float], change: dict[str, float]) -> list[dict[str, str]]:
    """L-24: critical on a fall in conversions or ROAS, or a high CPA."""
    reasons = []
    if change["conversions"] < CONVERSION_FALL_ALERT:
        reasons.append("conversions fell more than 10%")
    if change["roas"] < ROAS_FALL_ALERT:
        reasons.append("ROAS fell more than 15%")
    if current["cpa"] > CPA_ALERT:
        reasons.append(f"CPA {current['cpa']:.2f} exceeds {CPA_ALERT:.0f}")
    return [{"scope": scope, "level": "critical", "reason": r} for r in reasons]


def build_report(rows: list[Any]) -> dict[str, Any]:
    channels: dict[str, list[Any]] = {}
    for row in rows:
        channels.setdefault(row.channel, []).append(row)
    per_channel = {}
    alerts = []
    for name in sorted(channels):
        totals = _totals(channels[name])
        metrics = kpis(**totals)
        current = {"conversions": float(totals["conversions"]), **metrics}
        change = period_change(current)
        alerts += alerts_for(name, metrics, change)
        per_channel[name] = {"totals": totals, "kpis": _rounded(metrics), "change": _rounded(change)}
    overall_totals = _totals(rows)
    overall = kpis(**overall_totals)
    overall_change = period_change({"conversions": float(overall_totals["conversions"]), **overall})
    alerts += alerts_for("overall", overall, overall_change)
    roas = {name: kpis(**_totals(channels[name]))["roas"] for name in channels}
    average_roas = _ratio(sum(roas.values()), len(roas))
    top = sorted(roas, key=lambda n: (-roas[n], n))[:2]
    under = sorted(n for n in roas if roas[n] < UNDERPERFORMING_FACTOR * average_roas)
    return {
        "channels": per_channel,
        "overall": {"totals": overall_totals, "kpis": _rounded(overall), "change": _rounded(overall_change)},
        "top_channels": top,
        "underperforming_channels": under,
        "average_roas": round(average_roas, 4),
        "alerts": alerts,
    }


def generate_report(session: Session, campaign: CampaignRow, channels: list[str]) -> dict[str, Any]:
    rows = simulate_metrics(session, campaign, channels)
    report = build_report(rows)
    period_start = min(r.day for r in rows) if rows else date.today()
    period_end = max(r.day for r in rows) if rows else date.today()
    report["period"] = {"start": period_start.isoformat(), "end": period_end.isoformat()}
    snapshot = ReportSnapshotRow(
        id=str(uuid.uuid4()),
        campaign_id=campaign.id,
        period_start=period_start,
        period_end=period_end,
        payload_json=json.dumps(report, sort_keys=True),
        created_at=datetime.now(timezone.utc),
    )
    session.add(snapshot)
    session.flush()
    report["snapshot_id"] = snapshot.id
    return report


def outreach_efficiency(delivery_rate: float, reply_rate: float, ctr: float) -> float:
    """L-25."""
    return 0.3 * delivery_rate + 0.5 * reply_rate + 0.2 * ctr


def attribute(touches: list[str], value: float, model: str) -> dict[str, float]:
    """L-25: credit a conversion's value to the channels of its touches."""
    if model not in ATTRIBUTION_MODELS:
        raise ValueError(f"unknown attribution model '{model}'")
    if not touches:
        return {}
    n = len(touches)
    if model == "first_touch":
        weights = [1.0] + [0.0] * (n - 1)
    elif model == "last_touch":
        weights = [0.0] * (n - 1) + [1.0]
    elif model == "linear":
        weights = [1.0 / n] * n
    elif model == "time_decay":
        raw = [2.0**i for i in range(n)]
        weights = [w / sum(raw) for w in raw]
    elif n == 1:
        weights = [1.0]
    elif n == 2:
        weights = [0.5, 0.5]
    else:
        weights = [0.4] + [0.2 / (n - 2)] * (n - 2) + [0.4]
    credit: dict[str, float] = {}
    for channel, weight in zip(touches, weights):
        credit[channel] = credit.get(channel, 0.0) + value * weight
    return {k: round(v, 2) for k, v in credit.items()}
