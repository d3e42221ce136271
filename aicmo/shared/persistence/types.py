"""Column types every module's tables share."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Optional

from sqlalchemy import DateTime, TypeDecorator

__all__ = ["UtcDateTime"]


class UtcDateTime(TypeDecorator):
    """An aware instant, stored as UTC and read back aware.

    SQLite keeps no offset, so what it hands back naive was stored as UTC; PostgreSQL's
    timestamptz hands back the instant in the session's zone, so it is brought to UTC too. A
    naive value is refused: it names no instant.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Optional[datetime], dialect: Any) -> Optional[datetime]:
        if value is not None and value.tzinfo is None:
            raise ValueError("only timezone-aware instants are stored")
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value: Optional[datetime], dialect: Any) -> Optional[datetime]:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
