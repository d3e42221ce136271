"""DTO values as the legacy JSON output wrote them: Decimal money as float, enums as values, ISO times."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel

__all__ = ["plain"]


def plain(value: Any, exclude: tuple[str, ...] = ()) -> Any:
    """``value`` as JSON-ready legacy data; ``exclude`` drops top-level fields of a model."""
    if isinstance(value, BaseModel):
        return {name: plain(getattr(value, name)) for name in type(value).model_fields if name not in exclude}
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {plain(key): plain(item) for key, item in value.items()}
    return value
