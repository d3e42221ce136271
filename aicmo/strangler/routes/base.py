"""The strangler's own declarative base and database: its tables never join the legacy Base.

Its tables are owned by the "strangler" (not a business module) and are created on demand,
in the application's database unless another URL is given.
"""
from __future__ import annotations

from typing import Any

from datetime import datetime, timezone

from sqlalchemy import DateTime, TypeDecorator, create_engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

__all__ = ["StranglerBase", "StranglerSession", "UtcDateTime", "open_database"]


class UtcDateTime(TypeDecorator):
    """An aware UTC instant; SQLite drops the zone, so it is put back on the way out."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("the strangler stores timezone-aware instants only")
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value


class StranglerBase(DeclarativeBase):
    """Routes, their audit trail and the promotion evidence."""


class StranglerSession(Session):
    """The session of the migration machinery; append-only tables are guarded on it (audit.py)."""


def open_database(url: str, **engine_options: Any) -> sessionmaker:
    """A session factory on `url` with the strangler's tables created if missing."""
    # the models register their tables on StranglerBase when imported
    from aicmo.strangler.evidence import tables as _evidence_tables  # noqa: F401
    from aicmo.strangler.routes import tables as _route_tables  # noqa: F401

    engine = create_engine(url, **engine_options)
    StranglerBase.metadata.create_all(engine)
    return sessionmaker(bind=engine, class_=StranglerSession, expire_on_commit=False)
