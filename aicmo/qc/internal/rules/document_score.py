"""L-16 document score of one section, with Q-07 (integer halving) and Q-08 ("our X" placeholders)."""
from __future__ import annotations

import re

from aicmo.qc.api import Deduction, DocumentSection
from aicmo.qc.internal.model import DocumentScore
from aicmo.qc.internal.rules.cliches import cliches_in
from aicmo.qc.internal.rules.word_lists import DOCUMENT_PLACEHOLDERS

__all__ = ["SECTION_WORD_BOUNDS", "score_document"]

SECTION_WORD_BOUNDS = {
    DocumentSection.OVERVIEW: (150, 400),
    DocumentSection.STRATEGY: (200, 500),
    DocumentSection.CALENDAR: (500, 2000),
}
# "your"/"our" (and any word starting so) case-insensitively, then a capital letter
# case-sensitively, so "our Brand" and "yours Truly" both count
_POSSESSIVE = re.compile(r"(?i:\b(?:your|our)\w*)\s+[A-Z]")


def _placeholders(text: str) -> int:
    lowered = text.lower()
    return sum(lowered.count(p) for p in DOCUMENT_PLACEHOLDERS) + len(_POSSESSIVE.findall(text))


def _has_structure(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines()]
    return any(line.startswith("#") for line in lines) and any(line and not line.startswith("#") for line in lines)


def score_document(text: str, section: DocumentSection) -> DocumentScore:
    deductions: dict[Deduction, int] = {}
    if not _has_structure(text):
        deductions[Deduction.STRUCTURE] = 20
    placeholders = _placeholders(text)
    if placeholders:
        deductions[Deduction.PLACEHOLDERS] = min(30, 10 * placeholders)
    cliches = cliches_in(text)
    if cliches:
        deductions[Deduction.CLICHES] = min(40, 15 * len(cliches)) // 2  # one cliché costs 7
    words = len(text.split())
    low, high = SECTION_WORD_BOUNDS[section]
    if not low <= words <= high:
        deductions[Deduction.WORD_COUNT] = 10
    return DocumentScore(section=section, word_count=words, placeholders=placeholders, cliches=cliches, deductions=deductions)
