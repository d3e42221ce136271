"""L-15 clichés: substring matches, case-insensitive, reported in list order."""
from __future__ import annotations

from aicmo.qc.internal.rules.word_lists import CLICHES

__all__ = ["cliches_in"]


def cliches_in(text: str) -> tuple[str, ...]:
    lowered = text.lower()
    return tuple(cliche for cliche in CLICHES if cliche in lowered)
