"""The pinned instant of reproducible runs and tests, and the freezegun that pins it.

Legacy code reads the clock with ``datetime.now(timezone.utc)`` and ``date.today()``, which
only freezegun can pin. A missing freezegun must stop the run: a clock that silently keeps
ticking would make reproducible output and snapshots drift instead of failing.
"""
from __future__ import annotations

from datetime import datetime, timezone
from types import ModuleType

__all__ = ["DEFAULT_INSTANT", "FreezegunMissing", "load_freezegun", "parse_instant", "to_naive_utc"]

DEFAULT_INSTANT = datetime(2026, 1, 15, 10, 0, 0, tzinfo=timezone.utc)
REAL_CLOCK_MODULES = ("_pytest.timing",)  # freezegun leaves these modules' clocks alone


class FreezegunMissing(RuntimeError):
    """freezegun is not importable, so the legacy clock cannot be pinned."""


def load_freezegun() -> ModuleType:
    try:
        import freezegun
    except ImportError as exc:
        raise FreezegunMissing(
            "freezegun is required to pin the legacy clock; install the project with its "
            "dependencies (pip install -e '.[dev]')"
        ) from exc
    # pytest times tests with the clock functions it bound at import; a frozen clock there
    # makes every duration zero or epoch-sized (`--durations`, mutmut's test ordering and
    # timeouts), so the clocks of the measuring tool stay real
    freezegun.configure(extend_ignore_list=list(REAL_CLOCK_MODULES))
    return freezegun


def parse_instant(text: str) -> datetime:
    """An ISO time; a naive one is taken as UTC."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def to_naive_utc(moment: datetime) -> datetime:
    # freezegun treats a naive instant as UTC; an aware one would be shifted by its offset
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(timezone.utc).replace(tzinfo=None)
