"""Idempotency of an adapter's keyed commands: a repeated key returns the first result.

Legacy has no idempotency at all. Where the strangler's migrations made the idempotency
records (every database a command writes to), a keyed command runs in one legacy session that
holds its effect and its record, committed together: a replay, in this process or in one
started after a crash, finds the record and returns the stored result without running legacy
again; a crash before the commit leaves neither. The same key with a different request is an
IdempotencyConflict. A bare legacy database without the strangler's tables (the
characterization harness) has nowhere to keep records, so there the process remembers.
In a reproducible run the record also keeps how many seeded ids the run had drawn, and a replay
skips the sequence there: what runs after it mints the ids it minted after the first call, not
those ids again.
"""
from __future__ import annotations

import json
import typing
import weakref
from functools import lru_cache
from typing import Any, Callable, TypeVar

from pydantic import TypeAdapter
from sqlalchemy.exc import IntegrityError

from acl._support.legacy_session import call_session
from aicmo.shared.errors import IdempotencyConflict
from aicmo.shared.persistence.idempotency import value_fingerprint
from aicmo.shared.persistence.idempotency_records import (
    IdempotencyRecord,
    add_record,
    find_record,
    has_records_table,
    recorded_results,
)
from aicmo.shared.persistence.keyed_answers import accept_replay
from aicmo.shared.seeded_uuid import ids_drawn

__all__ = ["DurableIdempotency", "IdempotencyMemory"]

T = TypeVar("T")


class IdempotencyMemory:
    """Results of commands by (method, key), for this process only."""

    def __init__(self) -> None:
        self._results: dict[tuple[str, str], tuple[Any, Any]] = {}

    def once(self, method: str, key: str, request: Any, run: Callable[[], T]) -> T:
        seen = self._results.get((method, key))
        if seen is not None:
            # requests are compared only on a repeat: DTO equality is too dear for every call
            if seen[0] != request:
                raise IdempotencyConflict(f"{method}: key {key!r} was used for another request", key=key)
            return seen[1]
        result = run()
        self._results[(method, key)] = (request, result)
        return result


# per legacy engine: whether its database holds the records table (asked once per engine)
_durable_engines: "weakref.WeakKeyDictionary[Any, bool]" = weakref.WeakKeyDictionary()


class DurableIdempotency:
    """A module adapter's keyed commands, recorded in the strangler's idempotency records."""

    def __init__(self, module: str) -> None:
        self._module = module
        self._memory = IdempotencyMemory()

    def once(self, method: str, key: str, request: Any, run: Callable[[], T]) -> T:
        if not _durable():
            return self._memory.once(method, key, request, run)
        fingerprint = value_fingerprint(request)
        try:
            with call_session(self._module) as session:
                connection = session.connection()
                record = find_record(connection, self._module, method, key)
                if record is not None:
                    return self._replay(method, key, fingerprint, record, run)
                result = run()
                add_record(connection, self._module, method, key, fingerprint, _to_json(run, result), ids_drawn())
                return result
        except IntegrityError:
            # another process stored this key between our look and our record; ours rolled back
            with call_session(self._module) as session:
                record = find_record(session.connection(), self._module, method, key)
            if record is None:
                raise
            return self._replay(method, key, fingerprint, record, run)

    def recorded(self, methods: tuple[str, ...]) -> list[Any]:
        """The JSON results this module's commands of these methods stored, oldest first ([] when not durable)."""
        if not _durable():
            return []
        with call_session(self._module) as session:
            return recorded_results(session.connection(), self._module, methods)

    def _replay(self, method: str, key: str, fingerprint: str, record: IdempotencyRecord, run: Callable[[], T]) -> T:
        # another request under the key conflicts; the first call drew ids that this one does not: a
        # reproducible run goes on after them, not over them
        accept_replay(method, key, fingerprint, record.fingerprint, record.ids_drawn)
        return _from_json(run, record.result)


def _durable() -> bool:
    from backend.db.session import get_engine

    engine = get_engine()
    known = _durable_engines.get(engine)
    if known is None:
        with engine.connect() as connection:
            known = _durable_engines[engine] = has_records_table(connection)
    return known


@lru_cache(maxsize=None)
def _result_adapter(returns: Any) -> TypeAdapter:
    return TypeAdapter(returns)


def _returns(run: Callable[..., Any]) -> Any:
    # the command's own annotation names the DTO its stored result is read back as; each call
    # makes a new closure of the same code, whose annotation is read once
    code = getattr(run, "__code__", None)
    if code is None:
        return typing.get_type_hints(run)["return"]
    declared = _declared_returns.get(code)
    if declared is None:
        declared = _declared_returns[code] = typing.get_type_hints(run)["return"]
    return declared


_declared_returns: dict[Any, Any] = {}  # code object of a command -> its declared return type


def _to_json(run: Callable[..., Any], result: Any) -> Any:
    # the JSON data dump_json writes, as Python values, without writing and parsing the text
    return _result_adapter(_returns(run)).dump_python(result, mode="json")


def _from_json(run: Callable[..., T], stored: Any) -> T:
    # through JSON, as it was stored: strict DTOs read dates and ids from their JSON forms only
    return _result_adapter(_returns(run)).validate_json(json.dumps(stored))
