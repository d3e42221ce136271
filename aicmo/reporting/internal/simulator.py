"""The demo metrics a report simulates when the request carries none: legacy's simulator, draw for draw.

Seeded by the client id (random.Random(str)), the period's 30 days ending yesterday, day by day
and within a day channel by channel, four draws a row in this order: the same seed and calls
give the same rows. Legacy ignores the request's `days` and always simulates 30 (REPORT_DAYS).
"""
from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from aicmo.reporting.internal.rules import DayRow

__all__ = ["REPORT_DAYS", "simulate"]

REPORT_DAYS = 30


def simulate(client_id: str, channels: Sequence[str], today: date, days: int = REPORT_DAYS) -> list[DayRow]:
    rng = random.Random(client_id)
    start = today - timedelta(days=days)
    rows = []
    for offset in range(days):
        for channel in channels:
            impressions = rng.randint(1000, 8000)
            clicks = int(impressions * rng.uniform(0.005, 0.04))
            conversions = int(clicks * rng.uniform(0.01, 0.12))
            spend = round(rng.uniform(30.0, 250.0), 2)
            revenue = round(spend * rng.uniform(0.2, 4.0), 2)
            rows.append(DayRow(channel=channel, day=start + timedelta(days=offset), impressions=impressions,
                               clicks=clicks, conversions=conversions, spend=spend, revenue=revenue))
    return rows
