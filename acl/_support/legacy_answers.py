"""What a module's legacy adapter answered under a key, for the new path that takes the module over.

A journey in flight when a module's route moves to `new` replays its keyed step: the legacy
adapter already ran it and kept its answer in the strangler's idempotency records. The new
path's legacy-view wrapper answers as legacy answered (the effect is already in the legacy
rows, which the module adopts from its view), not run again.
"""
from __future__ import annotations

import json
import weakref
from typing import Any, Optional, TypeVar

from pydantic import TypeAdapter

from acl._support.legacy_session import legacy_session
from aicmo.shared.persistence.idempotency import value_fingerprint
from aicmo.shared.persistence.idempotency_records import find_record, has_records_table
from aicmo.shared.persistence.keyed_answers import accept_replay

__all__ = ["legacy_answer"]

A = TypeVar("A")

# per legacy engine: whether its database holds the strangler's idempotency records
_with_records: "weakref.WeakKeyDictionary[Any, bool]" = weakref.WeakKeyDictionary()


def legacy_answer(module: str, method: str, idempotency_key: str, request: Any, answer: type[A]) -> Optional[A]:
    """What ``module``'s legacy adapter answered under this key before its route changed, or None.

    The same key with another request is an IdempotencyConflict, as on either path.
    """
    with legacy_session(module) as session:
        connection = session.connection()
        known = _with_records.get(connection.engine)
        if known is None:
            known = _with_records[connection.engine] = has_records_table(connection)
        record = find_record(connection, module, method, idempotency_key) if known else None
    if record is None:
        return None
    # as the adapter's replay: another request conflicts, and the ids the adapter drew are spent
    accept_replay(method, idempotency_key, value_fingerprint(request), record.fingerprint, record.ids_drawn)
    return TypeAdapter(answer).validate_json(json.dumps(record.result))
