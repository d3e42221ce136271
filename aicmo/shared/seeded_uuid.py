"""A seeded stand-in for ``uuid.uuid4``: the same seed gives the same ids, in the same order.

Legacy code mints every id with ``uuid.uuid4()`` looked up on the ``uuid`` module, so
replacing that one attribute makes every legacy id reproducible. Both the CLI's
``--reproducible`` mode and the test harness use this generator.
"""
from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Callable

__all__ = ["seeded_uuid4"]


def seeded_uuid4(seed: str) -> Callable[[], uuid.UUID]:
    """A zero-argument uuid4 replacement whose sequence is fixed by ``seed``."""
    # sha256 first so that near-identical seeds do not give correlated streams
    rng = random.Random(hashlib.sha256(seed.encode("utf-8")).hexdigest())

    def uuid4() -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    return uuid4
