"""Idempotency memory of an adapter: a repeated key returns the first result.

Legacy has no idempotency at all, so the adapter remembers, per process, the result of each
command by key; the same key with a different request is an IdempotencyConflict.
"""
from __future__ import annotations

from typing import Any, Callable, TypeVar

from aicmo.shared.errors import IdempotencyConflict

__all__ = ["IdempotencyMemory"]

T = TypeVar("T")


class IdempotencyMemory:
    """Results of commands by (method, key)."""

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
