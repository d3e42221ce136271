"""Production translation: creative_assets rows and legacy calendar items <-> production DTOs.

Legacy produces one set of creatives per project row, so the set id is the project row's id.
"""
from __future__ import annotations

from typing import Sequence

from acl._support.translate import aware, build, legacy_value
from aicmo.domain import CalendarItem as LegacyCalendarItem
from aicmo.domain import StrategyDoc
from aicmo.production.api import (
    CalendarItem,
    ContentCalendar,
    Creative,
    CreativeSet,
    CreativeSetId,
)
from aicmo.strategy.api import StrategyDocument, StrategyId
from backend.db.models import CreativeAssetRow
from backend.generators.calendar_generator import calendar_csv, render_calendar

__all__ = [
    "calendar_from_legacy", "calendar_to_legacy", "creative_from_row", "plan_to_legacy", "set_from_rows", "set_id_for",
]

_CREATIVE_COLUMNS = ("position", "platform", "format", "pillar_index", "pillar_name", "hook", "caption", "cta", "tone", "status", "revision")


def plan_to_legacy(document: StrategyDocument) -> StrategyDoc:
    """The strategy's plan as the legacy StrategyDoc production's legacy generators read.

    Production's own translation of the contract DTO it is handed, so production's adapter
    keeps working whichever implementation answers for strategy, and after strategy's adapter
    is deleted.
    """
    return build(StrategyDoc, legacy_value(document), "strategy document")


def set_id_for(client_id: str) -> CreativeSetId:
    return CreativeSetId(str(client_id))


def creative_from_row(row: CreativeAssetRow) -> Creative:
    data = {name: getattr(row, name) for name in _CREATIVE_COLUMNS}
    return build(Creative, {"creative_id": row.id, "created_at": aware(row.created_at), **data}, f"creative_assets {row.id}")


def set_from_rows(client_id: str, brand_name: str, rows: Sequence[CreativeAssetRow]) -> CreativeSet:
    return build(
        CreativeSet,
        {
            "creative_set_id": set_id_for(client_id),
            "client_id": client_id,
            "strategy_id": StrategyId(str(client_id)),
            "brand_name": brand_name,
            "creatives": tuple(creative_from_row(row) for row in rows),
        },
        "creative_assets",
    )


def calendar_from_legacy(strategy_id: StrategyId, items: list[LegacyCalendarItem]) -> ContentCalendar:
    return build(
        ContentCalendar,
        {
            "strategy_id": strategy_id,
            "items": tuple(build(CalendarItem, item.model_dump(), "legacy calendar item") for item in items),
            "text": render_calendar(items),
            "csv": calendar_csv(items),
        },
        "legacy calendar",
    )


def calendar_to_legacy(calendar: ContentCalendar) -> list[LegacyCalendarItem]:
    return [build(LegacyCalendarItem, legacy_value(item), "calendar item") for item in calendar.items]
