"""Reproducible runs: a pinned clock and ids derived from the input.

Legacy code calls datetime.now() and uuid.uuid4() directly, so both are patched for the
duration of the run: freezegun for the clock, a seeded generator for uuid4. The generator and
the instant live in aicmo.shared, where the test harness uses them too.

Only the context that entered it draws seeded ids (a context variable, so a thread started with
a copy of it, as the shadow candidate is, draws them too): the workflow engine's background
threads, started before, draw uuid4 at their own pace, and one of their draws in the sequence
would shift every id legacy mints afterwards. The engine's own clock is left real, so a
reproducible journey still records true step timings.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from aicmo.shared.pinned_time import (
    DEFAULT_INSTANT,
    load_freezegun,
    parse_instant,
    to_naive_utc,
)
from aicmo.shared.seeded_uuid import SEEDED as _SEEDED, seeded_uuid4

__all__ = ["DEFAULT_INSTANT", "parse_instant", "reproducible", "seeded_uuid4"]


@contextmanager
def reproducible(seed: str, at: datetime = DEFAULT_INSTANT) -> Iterator[None]:
    freezegun = load_freezegun()
    token = _SEEDED.set(seeded_uuid4(seed))
    try:
        with freezegun.freeze_time(to_naive_utc(at), ignore=["dbos"]), _uuid4_replaced(_seeded_here(uuid.uuid4)):
            yield
    finally:
        _SEEDED.reset(token)


@contextmanager
def _uuid4_replaced(uuid4: Callable[[], uuid.UUID]) -> Iterator[None]:
    """uuid.uuid4 swapped for the context, the one it replaced put back after.

    A plain attribute swap rather than unittest.mock.patch: the same effect, without importing
    the test library into every run that derives its ids.
    """
    replaced = uuid.uuid4
    uuid.uuid4 = uuid4  # type: ignore[assignment]
    try:
        yield
    finally:
        uuid.uuid4 = replaced  # type: ignore[assignment]


def _seeded_here(real: Callable[[], uuid.UUID]) -> Callable[[], uuid.UUID]:
    """uuid4 seeded where the reproducible context is set, the real one elsewhere."""

    def uuid4() -> uuid.UUID:
        seeded = _SEEDED.get()
        return seeded() if seeded is not None else real()

    return uuid4
