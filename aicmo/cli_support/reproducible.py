"""Reproducible runs: a pinned clock and ids derived from the input.

Legacy code calls datetime.now() and uuid.uuid4() directly, so both are patched for the
duration of the run: freezegun for the clock, a seeded generator for uuid4. The generator and
the instant live in aicmo.shared, where the test harness uses them too.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from unittest import mock

from aicmo.shared.pinned_time import (
    DEFAULT_INSTANT,
    load_freezegun,
    parse_instant,
    to_naive_utc,
)
from aicmo.shared.seeded_uuid import seeded_uuid4

__all__ = ["DEFAULT_INSTANT", "parse_instant", "reproducible", "seeded_uuid4"]


@contextmanager
def reproducible(seed: str, at: datetime = DEFAULT_INSTANT) -> Iterator[None]:
    freezegun = load_freezegun()
    with freezegun.freeze_time(to_naive_utc(at)), mock.patch("uuid.uuid4", seeded_uuid4(seed)):
        yield
