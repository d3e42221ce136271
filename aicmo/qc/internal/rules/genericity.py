"""L-14 genericity: stock phrases and repeated words; 0.35 or more is too generic."""
from __future__ import annotations

import re

from aicmo.qc.internal.rules.word_lists import STOCK_PHRASES

__all__ = ["GENERIC_THRESHOLD", "genericity"]

GENERIC_THRESHOLD = 0.35
_TOKEN = re.compile(r"[a-z0-9']+")


def _stock_phrase_hits(lowered: str) -> int:
    return sum(lowered.count(phrase) for phrase in STOCK_PHRASES)


def _repeated_token_share(lowered: str) -> float:
    tokens = _TOKEN.findall(lowered)
    if not tokens:
        return 0.0
    return (len(tokens) - len(set(tokens))) / len(tokens)


def genericity(text: str) -> float:
    """0.7·min(hits/3, 1) + 0.3·share of repeated tokens."""
    lowered = text.lower()
    # the float operations in legacy's order, so the printed score rounds the same way
    return 0.7 * min(_stock_phrase_hits(lowered) / 3, 1) + 0.3 * _repeated_token_share(lowered)
