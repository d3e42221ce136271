"""Reporting's rules (L-23, L-24, L-25, Q-13), on floats in legacy's order of operations.

Every figure a report prints is a float sum, ratio or rounding: the same operations in the same
order give the same bits, so the sums run over the rows in the order they came (overall: all
rows as given; per channel: its rows as given) and the average ROAS over the channels in the
order each first appears. tests/unit/reporting/test_rules_match_legacy.py compares these
functions with legacy's on random metric rows.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

__all__ = [
    "CPA_ALERT",
    "DayRow",
    "ReportFigures",
    "ScopeFigures",
    "alerts_for",
    "attribute",
    "figures",
    "kpis",
    "outreach_efficiency",
    "period_change",
    "rate",
]

PREVIOUS_PERIOD_FACTOR = 0.9  # the "previous period" is not measured, it is derived
UNDERPERFORMING_FACTOR = 0.7
CONVERSION_FALL_ALERT = -0.10
ROAS_FALL_ALERT = -0.15
CPA_ALERT = 50.0
_TOTALS = ("impressions", "clicks", "conversions", "spend", "revenue")


@attrs.frozen
class DayRow:
    """One channel's metrics on one day, spend and revenue as legacy's floats."""

    channel: str
    day: Any
    impressions: int
    clicks: int
    conversions: int
    spend: float
    revenue: float


@attrs.frozen
class ScopeFigures:
    """Totals, rounded KPIs and rounded change of one scope (a channel, or overall)."""

    totals: dict[str, float]
    kpis: dict[str, float]
    change: dict[str, float]


@attrs.frozen
class ReportFigures:
    """Everything a report computes from its rows."""

    channels: tuple[tuple[str, ScopeFigures], ...]  # by name
    overall: ScopeFigures
    top_channels: tuple[str, ...]
    underperforming_channels: tuple[str, ...]
    average_roas: float
    alerts: tuple[dict[str, str], ...]


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def kpis(impressions: float, clicks: float, conversions: float, spend: float, revenue: float) -> dict[str, float]:
    """L-23: CTR, CVR, CPA, ROAS; a zero denominator gives 0."""
    return {
        "ctr": _ratio(clicks, impressions),
        "cvr": _ratio(conversions, clicks),
        "cpa": _ratio(spend, conversions),
        "roas": _ratio(revenue, spend),
    }


def _totals(rows: Sequence[DayRow]) -> dict[str, Any]:
    totals: dict[str, Any] = {"impressions": 0, "clicks": 0, "conversions": 0, "spend": 0.0, "revenue": 0.0}
    for row in rows:
        for key in _TOTALS:
            totals[key] += getattr(row, key)
    totals["spend"] = round(totals["spend"], 2)
    totals["revenue"] = round(totals["revenue"], 2)
    return totals


def _rounded(values: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 4) for k, v in values.items()}


def period_change(current: dict[str, float]) -> dict[str, float]:
    """Q-13: the change against a previous period taken as 0.9 × this one."""
    previous = {k: v * PREVIOUS_PERIOD_FACTOR for k, v in current.items()}
    return {k: _ratio(current[k] - previous[k], previous[k]) for k in current}


def alerts_for(scope: str, current: dict[str, float], change: dict[str, float]) -> list[dict[str, str]]:
    """L-24: critical on a fall in conversions or ROAS, or a high CPA (on the unrounded KPIs)."""
    reasons = []
    if change["conversions"] < CONVERSION_FALL_ALERT:
        reasons.append("conversions fell more than 10%")
    if change["roas"] < ROAS_FALL_ALERT:
        reasons.append("ROAS fell more than 15%")
    if current["cpa"] > CPA_ALERT:
        reasons.append(f"CPA {current['cpa']:.2f} exceeds {CPA_ALERT:.0f}")
    return [{"scope": scope, "level": "critical", "reason": r} for r in reasons]


def _scope(scope: str, rows: Sequence[DayRow], alerts: list[dict[str, str]]) -> ScopeFigures:
    totals = _totals(rows)
    metrics = kpis(**totals)
    change = period_change({"conversions": float(totals["conversions"]), **metrics})
    alerts += alerts_for(scope, metrics, change)
    return ScopeFigures(totals=totals, kpis=_rounded(metrics), change=_rounded(change))


def figures(rows: Sequence[DayRow]) -> ReportFigures:
    """L-23/L-24: per channel by name, overall, top two and underperforming channels by ROAS, alerts."""
    by_channel: dict[str, list[DayRow]] = {}
    for row in rows:
        by_channel.setdefault(row.channel, []).append(row)
    alerts: list[dict[str, str]] = []
    channels = tuple((name, _scope(name, by_channel[name], alerts)) for name in sorted(by_channel))
    overall = _scope("overall", rows, alerts)
    # the unrounded ROAS, summed in the order the channels first appear
    roas = {name: kpis(**_totals(by_channel[name]))["roas"] for name in by_channel}
    average_roas = _ratio(sum(roas.values()), len(roas))
    return ReportFigures(
        channels=channels,
        overall=overall,
        top_channels=tuple(sorted(roas, key=lambda n: (-roas[n], n))[:2]),
        underperforming_channels=tuple(sorted(n for n in roas if roas[n] < UNDERPERFORMING_FACTOR * average_roas)),
        average_roas=round(average_roas, 4),
        alerts=tuple(alerts),
    )


def outreach_efficiency(delivery_rate: float, reply_rate: float, ctr: float) -> float:
    """L-25."""
    return 0.3 * delivery_rate + 0.5 * reply_rate + 0.2 * ctr


def rate(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def attribute(touches: Sequence[str], value: float, model: str) -> dict[str, float]:
    """L-25: a conversion's value credited to the channels of its touches, rounded to the cent."""
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
    elif model != "position_based":
        raise ValueError(f"unknown attribution model '{model}'")
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
