"""How a report and its simulated rows get their ids: drawn as legacy draws them, or, under shadow, derived.

Legacy mints one uuid4 per simulated row, in the order it simulates them, then one for the
report (its snapshot): drawn the same way, a reproducible run mints the same ids on the new
path. A shadow candidate runs after legacy drew those ids: a draw there would shift every id
minted afterwards, so it names what it stores by the idempotency key instead (its report id is
then not legacy's: the descriptor lists it among the fields no comparison reads).
"""
from __future__ import annotations

import uuid
from typing import Protocol

from aicmo.reporting.api import ReportId
from aicmo.shared.ids import EntityId, derived_id

__all__ = ["DrawnIds", "KeyedIds", "ReportIds"]


class ReportIds(Protocol):
    def ids(self, idempotency_key: str, rows: int) -> tuple[list[str], str]:
        """The rows' ids, then the report's."""
        ...


class DrawnIds:
    """uuid4, in legacy's order: every row's, then the report's."""

    def ids(self, idempotency_key: str, rows: int) -> tuple[list[str], str]:
        row_ids = [str(uuid.uuid4()) for _ in range(rows)]
        return row_ids, str(uuid.uuid4())


class KeyedIds:
    """Derived from the key: no draw (a shadow candidate's)."""

    def ids(self, idempotency_key: str, rows: int) -> tuple[list[str], str]:
        row_ids = [str(derived_id(EntityId, "reporting.shadow.row", idempotency_key, n)) for n in range(rows)]
        return row_ids, str(derived_id(ReportId, "reporting.shadow", idempotency_key))
