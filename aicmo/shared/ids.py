"""Typed identifiers: a str subclass per kind of id, each validated as a UUID string.

Legacy ids are ``str(uuid.uuid4())``; a typed id accepts exactly those (and ``uuid.UUID``
values), so a legacy row translates without re-keying. Each module declares its own id
kinds in its api; only ids that every module refers to live here.
"""
from __future__ import annotations

import uuid
from typing import Any, ClassVar, TypeVar

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

__all__ = ["ClientId", "CorrelationId", "EntityId", "MessageId", "derived_id"]


def _article(word: str) -> str:
    return "an" if word[:1] in "AEIOU" else "a"


class EntityId(str):
    """A UUID string of one kind; two kinds never mix, even though both are strings."""

    kind: ClassVar[str] = "EntityId"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.kind = cls.__name__

    @classmethod
    def parse(cls, value: object) -> "EntityId":
        """The id for ``value``; ValueError naming the id kind when it is not a UUID string."""
        if isinstance(value, EntityId) and not isinstance(value, cls):
            # a StrategyId handed over where a ClientId is expected is a caller bug
            raise ValueError(f"expected {_article(cls.kind)} {cls.kind}, got {_article(type(value).kind)} {type(value).kind}")
        if isinstance(value, uuid.UUID):
            return cls(str(value))
        if not isinstance(value, str):
            raise ValueError(f"{_article(cls.kind)} {cls.kind} must be a UUID string, got {type(value).__name__}")
        try:
            parsed = uuid.UUID(value)
        except ValueError:
            raise ValueError(f"{_article(cls.kind)} {cls.kind} must be a UUID string, got {value!r}") from None
        if str(parsed) != value.lower():
            # only the canonical 36-character form, so one id has one spelling
            raise ValueError(f"{_article(cls.kind)} {cls.kind} must be a canonical UUID string, got {value!r}")
        return cls(value.lower())

    @classmethod
    def from_uuid(cls, value: uuid.UUID) -> "EntityId":
        return cls(str(value))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str.__repr__(self)})"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # x-id-type lets the contract checker see a ClientId turned into a StrategyId
        return {"type": "string", "format": "uuid", "x-id-type": cls.kind}


class ClientId(EntityId):
    """A signed client (the legacy project row's id). Minted by onboarding; every module refers to it."""


class CorrelationId(EntityId):
    """Ties together every message of one business flow (one client journey, one acquisition run)."""


class MessageId(EntityId):
    """One message: an integration event, or the command that caused it."""


# the one namespace of name-derived ids: the legacy adapters and the new implementations derive
# the same id for the same thing, which shadow comparisons and the pins depend on
_DERIVED_NAMESPACE = uuid.UUID("5d0f3c1e-6a43-4c55-9f8e-0a1c2b3d4e5f")

I = TypeVar("I", bound=EntityId)


def derived_id(kind: type[I], *parts: object) -> I:
    """The id of that kind for these parts: always the same (uuid5), never drawn.

    For things legacy never stored as rows (a strategy, a QC round, a review) and for what a
    new implementation must name exactly as the legacy adapter does. Never uuid4: the
    reproducible mode seeds uuid.uuid4, and one extra draw would shift every id legacy mints
    afterwards.
    """
    return kind(str(uuid.uuid5(_DERIVED_NAMESPACE, kind.__name__ + ":" + ":".join(str(p) for p in parts))))
