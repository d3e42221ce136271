"""L-16b: the three scored sections of the strategy document, as the texts L-16 scores."""
from __future__ import annotations

from aicmo.production.api import ContentCalendar
from aicmo.qc.api import DocumentSection, StrategyText

__all__ = ["section_texts"]


def _overview(strategy: StrategyText) -> str:
    return f"## Overview\n\n{strategy.executive_summary}\n\n{strategy.situation_analysis}\n"


def _strategy(strategy: StrategyText) -> str:
    pillars = "\n\n".join(f"### {p.name}\n\n{p.description}" for p in strategy.pillars)
    return f"## Strategy\n\n{strategy.strategy_narrative}\n\n{pillars}\n"


def _calendar(calendar: ContentCalendar) -> str:
    # rendered from the items, as legacy scores it, not taken from calendar.text: the two
    # agree when production built the calendar, and the items are what QC checks
    lines = ["# Content calendar", ""]
    lines += [
        f"Day {item.day} ({item.date.isoformat()}), {item.platform.value}, {item.theme.value}: {item.hook}. {item.cta}."
        for item in calendar.items
    ]
    return "\n".join(lines) + "\n"


def section_texts(strategy: StrategyText, calendar: ContentCalendar) -> dict[DocumentSection, str]:
    return {
        DocumentSection.OVERVIEW: _overview(strategy),
        DocumentSection.STRATEGY: _strategy(strategy),
        DocumentSection.CALENDAR: _calendar(calendar),
    }
