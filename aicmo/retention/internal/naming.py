"""How an assessment gets its id: a uuid4 draw where legacy draws one, or, under shadow, legacy's own.

Legacy names each assessment with `uuid.uuid4()`, which a reproducible run seeds: the new path
draws it at the same point, so a reproducible run mints the same ids on both paths. A shadow
candidate runs after legacy drew, so a draw of its own would be another id and would shift every
id minted after it. It draws nothing: the id is a draw, not a rule, and legacy's adapter has
already kept its answer under the same idempotency key in the strangler's idempotency records,
committed before the candidate starts, so the candidate names its assessment as legacy named it
and the comparison covers every field but the instant. Only for the same request under the key;
otherwise (no record where the candidate runs) it names it by the key, and the id differs.
"""
from __future__ import annotations

import uuid
from typing import Protocol

from sqlalchemy.engine import Connection

from aicmo.retention.api import AssessmentId
from aicmo.shared.ids import derived_id
from aicmo.shared.persistence.idempotency_records import find_record

__all__ = ["AsLegacyNamedIt", "AssessmentNaming", "drawn"]

MODULE, METHOD = "retention", "assess_retention"


class AssessmentNaming(Protocol):
    def __call__(self, idempotency_key: str, fingerprint: str) -> str: ...


def drawn(idempotency_key: str, fingerprint: str) -> str:
    # looked up on the module at each call: the reproducible mode replaces uuid.uuid4
    return str(uuid.uuid4())


class AsLegacyNamedIt:
    """A shadow candidate's naming: the id legacy's adapter answered with under the key, read on the candidate's connection."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def __call__(self, idempotency_key: str, fingerprint: str) -> str:
        # the candidate's database is migrated (the composition root prepares it), the strangler's records included
        record = find_record(self._connection, MODULE, METHOD, idempotency_key)
        if record is not None and record.fingerprint == fingerprint and isinstance(record.result, dict):
            return str(record.result["assessment_id"])
        return str(derived_id(AssessmentId, "shadow", idempotency_key))
