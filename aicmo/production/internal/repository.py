"""Creative sets in production's tables: stored, read back whole, changed creative by creative."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Optional

import attrs
from sqlalchemy import func, select

from aicmo.production.internal.model import CreativeRecord, CreativeSetRecord
from aicmo.production.internal.tables import ProductionCreativeRow, ProductionCreativeSetRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["CreativeSetRepository"]

_COLUMNS = tuple(f.name for f in attrs.fields(CreativeRecord) if f.name != "creative_id")


def _record(row: ProductionCreativeRow) -> CreativeRecord:
    return CreativeRecord(creative_id=row.id, **{name: getattr(row, name) for name in _COLUMNS})


class CreativeSetRepository:
    """Production's creative sets on one session; the unit of work commits."""

    def __init__(self, session: Session) -> None:
        self._session = session
        # The session's identity map holds rows weakly: rows read into records and dropped are
        # gone, and update() would query each creative again. Held for the unit of work's life,
        # update() finds them in the map (the rows this transaction read, the set locked first).
        self._held: list[object] = []

    def get(self, creative_set_id: str, *, for_update: bool = False) -> Optional[CreativeSetRecord]:
        """The set with every creative, or None; locked against other writers (PostgreSQL) when ``for_update``."""
        row = self._session.get(ProductionCreativeSetRow, creative_set_id, with_for_update=for_update)
        if row is None:
            return None
        query = (select(ProductionCreativeRow).where(ProductionCreativeRow.creative_set_id == creative_set_id)
                 .order_by(ProductionCreativeRow.position, ProductionCreativeRow.ordinal))
        rows = list(self._session.scalars(query))
        self._held += [row, *rows]
        return CreativeSetRecord(
            creative_set_id=row.id,
            client_id=row.client_id,
            strategy_id=row.strategy_id,
            brand_name=row.brand_name,
            creatives=tuple(_record(c) for c in rows),
        )

    def add_creatives(self, creative_set_id: str, client_id: str, strategy_id: str, brand_name: str,
                      creatives: list[CreativeRecord], at: datetime) -> None:
        """The set (made on its first production, else renamed after the latest strategy) and its new creatives."""
        row = self._session.get(ProductionCreativeSetRow, creative_set_id)
        if row is None:
            self._session.add(ProductionCreativeSetRow(id=creative_set_id, client_id=client_id, strategy_id=strategy_id,
                                                       brand_name=brand_name, created_at=at))
        else:
            row.strategy_id, row.brand_name = strategy_id, brand_name
        # the set first: its creatives refer to it
        self._session.flush()
        self._session.add_all([
            ProductionCreativeRow(id=c.creative_id, creative_set_id=creative_set_id,
                                  **{name: getattr(c, name) for name in _COLUMNS})
            for c in creatives
        ])
        self._session.flush()

    def next_ordinal(self, creative_set_id: str) -> int:
        query = select(func.count()).select_from(ProductionCreativeRow).where(ProductionCreativeRow.creative_set_id == creative_set_id)
        return self._session.scalar(query) or 0

    def update(self, creatives: list[CreativeRecord]) -> None:
        """Store the changed columns of these creatives."""
        for creative in creatives:
            row = self._session.get(ProductionCreativeRow, creative.creative_id)
            assert row is not None, f"creative {creative.creative_id} vanished"
            for name in _COLUMNS:
                value = getattr(creative, name)
                if getattr(row, name) != value:
                    setattr(row, name, value)
        self._session.flush()
