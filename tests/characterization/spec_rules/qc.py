"""The spec's numbers and words for QC (legacy-spec section 4), as plain constants."""
from __future__ import annotations

# L-14: genericity = STOCK_WEIGHT * min(hits / STOCK_HITS_CAP, 1) + REPEAT_WEIGHT * repeated share
STOCK_WEIGHT = 0.7
STOCK_HITS_CAP = 3
REPEAT_WEIGHT = 0.3
GENERIC_THRESHOLD = 0.35
STOCK_PHRASE_COUNT = 10
STOCK_PHRASE_EXAMPLES = (
    "in today's fast-paced world", "take it to the next level", "game changer",
    "unlock your potential", "best-in-class",
)

# L-15: twenty clichés, substring and case-insensitive
CLICHE_COUNT = 20
CLICHE_EXAMPLES = ("leverage", "synergy", "disrupt", "cutting-edge", "world-class")

# L-16: the document score
DOCUMENT_START = 100
STRUCTURE_PENALTY = 20
PLACEHOLDER_PENALTY_EACH = 10
PLACEHOLDER_PENALTY_CAP = 30
CLICHE_PENALTY_EACH = 15
CLICHE_PENALTY_CAP = 40
CLICHE_PENALTY_DIVISOR = 2  # integer division
WORD_COUNT_PENALTY = 10
SECTION_WORD_BOUNDS = {"overview": (150, 400), "strategy": (200, 500), "calendar": (500, 2000)}
DOCUMENT_PASS_SCORE = 80  # >= PASS
DOCUMENT_WARN_SCORE = 60  # >= WARN, below FAIL
DOC_PLACEHOLDERS = ("TBD", "N/A", "TODO", "Not specified", "lorem ipsum", "{{")
POSSESSIVE_PREFIXES = ("your", "our")

# L-17: findings of a creative and of the calendar
CAPTION_MIN_LENGTH = 20  # under it: MAJOR
BANNED_CLAIMS = ("guaranteed", "100%", "risk-free")  # each: BLOCKER
DUPLICATE_HOOK_SHARE = 0.30  # share of days with a repeated hook: MAJOR at or above

# L-18: ruleset v1 score
RULESET_START = 100
SEVERITY_WEIGHTS = {"BLOCKER": 30, "MAJOR": 10, "MINOR": 3, "WARN": 5}
SCORE_FLOOR = 0
CREATIVE_PASS_SCORE = 70
