"""How an assessment gets its id: a uuid4 draw where legacy draws one, or, under shadow, derived from the key.

Legacy names each assessment with `uuid.uuid4()`, which a reproducible run seeds: the new path
draws it at the same point, so a reproducible run mints the same ids on both paths. A shadow
candidate runs after legacy drew: a draw of its own would shift every id minted after it, so it
draws nothing and names its assessment by the idempotency key (as reporting's candidate names its
report). Its id is then not legacy's, and the descriptor lists it among the fields no comparison
reads; the ids are proven equal where state is kept: the port suite, the retention=new pins and
the journeys compared byte for byte.
"""
from __future__ import annotations

import uuid
from typing import Protocol

from aicmo.retention.api import AssessmentId
from aicmo.shared.ids import derived_id

__all__ = ["AssessmentNaming", "drawn", "keyed"]


class AssessmentNaming(Protocol):
    def __call__(self, idempotency_key: str, fingerprint: str) -> str: ...


def drawn(idempotency_key: str, fingerprint: str) -> str:
    # looked up on the module at each call: the reproducible mode replaces uuid.uuid4
    return str(uuid.uuid4())


def keyed(idempotency_key: str, fingerprint: str) -> str:
    """A shadow candidate's: derived from the key, no draw."""
    return str(derived_id(AssessmentId, "retention.shadow", idempotency_key))
