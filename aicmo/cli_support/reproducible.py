"""Reproducible runs: a pinned clock and ids derived from the input.

Legacy code calls datetime.now() and uuid.uuid4() directly, so both are patched for the
duration of the run: freezegun for the clock, a seeded generator for uuid4.
"""
from __future__ import annotations

import hashlib
import random
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Iterator
from unittest import mock

from freezegun import freeze_time

DEFAULT_INSTANT = datetime(2026, 1, 15, 10, 0, 0, tzinfo=timezone.utc)


def parse_instant(text: str) -> datetime:
    """An ISO time; a naive one is taken as UTC."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def seeded_uuid4(seed: str):
    rng = random.Random(hashlib.sha256(seed.encode("utf-8")).hexdigest())

    def uuid4() -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    return uuid4


@contextmanager
def reproducible(seed: str, at: datetime = DEFAULT_INSTANT) -> Iterator[None]:
    naive_utc = at.astimezone(timezone.utc).replace(tzinfo=None)
    with freeze_time(naive_utc), mock.patch("uuid.uuid4", seeded_uuid4(seed)):
        yield
