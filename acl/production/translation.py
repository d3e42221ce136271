"""Production translation: creative_assets rows and legacy calendar items <-> production DTOs.

Legacy produces one set of creatives per project row, so the set id is the project row's id.
"""
from __future__ import annotations

from typing import Any, Optional, Sequence

from acl._support.errors import TranslationError
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


def _creative_data(row: CreativeAssetRow) -> dict[str, Any]:
    """The row's columns as Creative's fields; read from the loaded state, through the ORM only if a column is not loaded."""
    loaded = row.__dict__
    data = {name: loaded[name] if name in loaded else getattr(row, name) for name in _CREATIVE_COLUMNS}
    data["creative_id"] = row.id
    data["created_at"] = aware(loaded["created_at"] if "created_at" in loaded else row.created_at)
    return data


def creative_from_row(row: CreativeAssetRow) -> Creative:
    return build(Creative, _creative_data(row), f"creative_assets {row.id}")


def set_from_rows(client_id: str, brand_name: str, rows: Sequence[CreativeAssetRow]) -> CreativeSet:
    """The set, validated once from plain data (one pydantic pass, not one per creative).

    A row that does not translate is still named by its id: the failing creative's index is
    mapped back to its row.
    """
    data = {
        "creative_set_id": set_id_for(client_id),
        "client_id": client_id,
        "strategy_id": StrategyId(str(client_id)),
        "brand_name": brand_name,
        "creatives": [_creative_data(row) for row in rows],
    }
    try:
        return build(CreativeSet, data, "creative_assets")
    except TranslationError as exc:
        creative = _creative_at(exc.details.get("field", ""), rows)
        if creative is None:
            raise
        index, field = creative
        raise TranslationError(
            f"creative_assets {rows[index].id}: field '{field}' does not translate to Creative: {exc.message.rsplit(': ', 1)[-1]}",
            field=field, model="Creative", source=f"creative_assets {rows[index].id}",
        ) from None


def _creative_at(path: str, rows: Sequence[CreativeAssetRow]) -> Optional[tuple[int, str]]:
    """(the row's index, its field) of an error path 'creatives.<index>.<field>'; None for another field."""
    head, _, rest = path.partition(".")
    index, _, field = rest.partition(".")
    if head != "creatives" or not index.isdigit() or int(index) >= len(rows):
        return None
    return int(index), field or "(root)"


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
