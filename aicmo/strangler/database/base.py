"""The strangler's own declarative base: its tables never join the legacy Base.

They live in the `strangler` schema on PostgreSQL (prefixed ``strangler_`` on SQLite), are
owned by the "strangler" (not a business module), and are created by its migrations
(aicmo.strangler.schema), never on open.
"""
from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase, Session

from aicmo.shared.persistence.metadata import owner_metadata

__all__ = ["SCHEMA", "StranglerBase", "StranglerSession"]

SCHEMA = "strangler"


class StranglerBase(DeclarativeBase):
    """Routes, their audit trail and the promotion evidence."""

    metadata = owner_metadata(SCHEMA)


class StranglerSession(Session):
    """The session of the migration machinery; append-only tables are guarded on it (append_only.py)."""
