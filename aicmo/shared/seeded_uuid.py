"""A seeded stand-in for ``uuid.uuid4``: the same seed gives the same ids, in the same order.

Legacy code mints every id with ``uuid.uuid4()`` looked up on the ``uuid`` module, so
replacing that one attribute makes every legacy id reproducible. Both the CLI's
``--reproducible`` mode and the test harness use this generator.

The generator counts its draws and can skip ahead to a count: a durable workflow continued
in a new process does not run its checkpointed steps again, so it skips the ids they drew
and the steps after them mint what an uninterrupted run would have minted.
"""
from __future__ import annotations

import contextvars
import hashlib
import random
import uuid
from typing import Optional

__all__ = ["SEEDED", "SeededUuid4", "ids_drawn", "seeded_uuid4", "skip_ids_to"]


class SeededUuid4:
    """A zero-argument uuid4 replacement whose sequence is fixed by its seed; ``drawn`` ids so far."""

    def __init__(self, seed: str) -> None:
        # sha256 first so that near-identical seeds do not give correlated streams
        self._rng = random.Random(hashlib.sha256(seed.encode("utf-8")).hexdigest())
        self.drawn = 0

    def __call__(self) -> uuid.UUID:
        self.drawn += 1
        return uuid.UUID(int=self._rng.getrandbits(128), version=4)

    def skip_to(self, drawn: int) -> None:
        """Draw and drop ids until ``drawn`` have been drawn (never back: a drawn id is spent)."""
        while self.drawn < drawn:
            self()


def seeded_uuid4(seed: str) -> SeededUuid4:
    return SeededUuid4(seed)


# the generator of the reproducible run this context is in (set by aicmo.cli_support.reproducible); None outside one
SEEDED: contextvars.ContextVar[Optional[SeededUuid4]] = contextvars.ContextVar("seeded_uuid4", default=None)


def ids_drawn() -> Optional[int]:
    """How many seeded ids this context's reproducible run has drawn; None outside one."""
    seeded = SEEDED.get()
    return None if seeded is None else seeded.drawn


def skip_ids_to(drawn: Optional[int]) -> None:
    """Continue this context's seeded ids after the first ``drawn`` (a no-op outside a reproducible run, or for None)."""
    seeded = SEEDED.get()
    if seeded is not None and drawn is not None:
        seeded.skip_to(drawn)
