"""Production's public contract: the only thing other modules, the ACL and the orchestration may import.

Raise the major of CONTRACT_VERSION with any breaking change; `aicmo contracts check` enforces it.
"""
from __future__ import annotations

from aicmo.production.api.dtos import (
    CalendarItem,
    CalendarTheme,
    ContentCalendar,
    Creative,
    CreativeFormat,
    CreativeId,
    CreativeReviewMark,
    CreativeSet,
    CreativeSetId,
    CreativeStatus,
    Platform,
    Tone,
)
from aicmo.production.api.errors import (
    CreativeNotInSet,
    CreativeSetNotFound,
)
from aicmo.production.api.events import (
    CreativesDelivered,
    CreativesProduced,
    CreativesRewritten,
)
from aicmo.production.api.ports import (
    ProductionPort,
)

CONTRACT_VERSION = "1.2.0"

__all__ = [
    "CONTRACT_VERSION",
    "CalendarItem",
    "CalendarTheme",
    "ContentCalendar",
    "Creative",
    "CreativeFormat",
    "CreativeId",
    "CreativeNotInSet",
    "CreativeReviewMark",
    "CreativeSet",
    "CreativeSetId",
    "CreativeSetNotFound",
    "CreativeStatus",
    "CreativesDelivered",
    "CreativesProduced",
    "CreativesRewritten",
    "Platform",
    "ProductionPort",
    "Tone",
]
