"""What a new implementation's step changes in other modules' records, asked of their owners at the composition root.

A new implementation writes only its own tables. Where legacy's step also wrote another
module's table, a wrapper around the new implementation's port (bootstrap.OWNER_EFFECTS)
asks that table's owner through its port after the step committed. Each request carries an
idempotency key derived from the step's own result, never a fresh one: a replayed step (the
same key, the same answer) asks again under the same keys and each owner answers as it first
did, so an effect happens once however often the step runs.
"""
from __future__ import annotations

from typing import Callable, Generic, TypeVar

from aicmo.orchestration.ports import ModulePorts

__all__ = ["ThroughOwners", "effect_key"]

P = TypeVar("P")


def effect_key(step: str, *subject: object, effect: str) -> str:
    """The idempotency key of one effect of one step's result: the same result, the same key."""
    return ":".join((step, *map(str, subject), effect))


class ThroughOwners(Generic[P]):
    """The port a new implementation answers with (``inner``) and, built on demand, the ports of the owners it asks."""

    def __init__(self, inner: P, bundle: Callable[[], ModulePorts]) -> None:
        self._inner, self._bundle = inner, bundle

    def _owners(self) -> ModulePorts:
        return self._bundle()
