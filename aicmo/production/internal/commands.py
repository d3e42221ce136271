"""Keyed commands' answers in production's tables: a replay answers as the first call did."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Optional

import attrs

from aicmo.production.internal.tables import ProductionCommandRow
from aicmo.shared.errors import IdempotencyConflict

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["CommandLog", "StoredAnswer"]


@attrs.frozen
class StoredAnswer:
    """The JSON answer of an earlier call under the same key, and the seeded ids drawn by then."""

    result: str
    ids_drawn: Optional[int]


class CommandLog:
    """The answers of production's keyed commands, by (method, key)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def earlier(self, method: str, idempotency_key: str, fingerprint: str) -> Optional[StoredAnswer]:
        """The earlier answer under this key; IdempotencyConflict when it was given to another request."""
        row = self._session.get(ProductionCommandRow, (method, idempotency_key))
        if row is None:
            return None
        if row.request_fingerprint != fingerprint:
            raise IdempotencyConflict(f"{method}: key {idempotency_key!r} was used for another request", key=idempotency_key)
        return StoredAnswer(row.result, row.ids_drawn)

    def record(self, method: str, idempotency_key: str, fingerprint: str, result: Any, ids_drawn: Optional[int], at: datetime) -> None:
        self._session.add(ProductionCommandRow(method=method, idempotency_key=idempotency_key, request_fingerprint=fingerprint,
                                               result=result.model_dump_json(), ids_drawn=ids_drawn, created_at=at))
        self._session.flush()
