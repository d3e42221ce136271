"""The idempotency records join the strangler's metadata, so its migrations and drift check see them.

The table is defined once, in the kit (aicmo.shared.persistence.idempotency_records), where the
anti-corruption adapters reach it; the strangler owns it and migrates it.
"""
from __future__ import annotations

from aicmo.shared.persistence.idempotency_records import IDEMPOTENCY_RECORDS
from aicmo.strangler.database import StranglerBase

__all__ = ["STRANGLER_IDEMPOTENCY"]

STRANGLER_IDEMPOTENCY = IDEMPOTENCY_RECORDS.to_metadata(StranglerBase.metadata)
