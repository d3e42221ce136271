"""Production's records <-> its contract DTOs (pydantic at the boundary, attrs inside)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from aicmo.production.api import (
    CalendarItem,
    ContentCalendar,
    Creative,
    CreativeSet,
)
from aicmo.production.internal.model import CreativeRecord, CreativeSetRecord
from aicmo.production.internal.rules.calendar import CalendarDay, calendar_csv, render_calendar

__all__ = ["calendar_dto", "creative_dto", "set_dto"]


def creative_dto(record: CreativeRecord) -> Creative:
    return Creative(
        creative_id=record.creative_id,
        position=record.position,
        platform=record.platform,
        format=record.format,
        pillar_index=record.pillar_index,
        pillar_name=record.pillar_name,
        hook=record.hook,
        caption=record.caption,
        cta=record.cta,
        tone=record.tone,
        status=record.status,
        revision=record.revision,
        created_at=record.created_at,
    )


def set_dto(record: CreativeSetRecord, creatives: Optional[Sequence[CreativeRecord]] = None) -> CreativeSet:
    """The set with ``creatives`` (by default all of them)."""
    return CreativeSet(
        creative_set_id=record.creative_set_id,
        client_id=record.client_id,
        strategy_id=record.strategy_id,
        brand_name=record.brand_name,
        creatives=tuple(creative_dto(c) for c in (record.creatives if creatives is None else creatives)),
    )


def calendar_dto(strategy_id: str, days: Sequence[CalendarDay]) -> ContentCalendar:
    return ContentCalendar(
        strategy_id=strategy_id,
        items=tuple(CalendarItem(day=d.day, date=d.date, platform=d.platform, theme=d.theme, hook=d.hook, cta=d.cta)
                    for d in days),
        text=render_calendar(days),
        csv=calendar_csv(days),
    )
