"""Translation helpers: build a DTO (or a legacy model) or fail naming the field, never half-filled."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any, Mapping, Optional, TypeVar

from pydantic import BaseModel, ValidationError

from acl._support.errors import TranslationError

__all__ = ["aware", "build", "legacy_value"]

M = TypeVar("M", bound=BaseModel)


def build(model: type[M], data: Mapping[str, Any], source: str) -> M:
    """``model`` validated from ``data``; a TranslationError naming the first bad field otherwise."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "(root)"
        raise TranslationError(
            f"{source}: field '{field}' does not translate to {model.__name__}: {first['msg']}",
            field=field,
            model=model.__name__,
            source=source,
        ) from None


def aware(moment: Optional[dt.datetime]) -> Optional[dt.datetime]:
    """SQLite hands DateTime(timezone=True) back naive; every legacy time is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=dt.timezone.utc)


def legacy_value(value: Any) -> Any:
    """A DTO value as legacy holds it: Decimal money back to float, enums to values, tuples to lists."""
    if isinstance(value, BaseModel):
        return {name: legacy_value(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [legacy_value(item) for item in value]
    if isinstance(value, dict):
        return {legacy_value(key): legacy_value(item) for key, item in value.items()}
    return value
