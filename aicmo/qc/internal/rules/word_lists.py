"""The word lists of ruleset v1: business data, kept in legacy's order because findings
and clichés are reported in list order.
"""
from __future__ import annotations

__all__ = ["BANNED_CLAIMS", "CLICHES", "DOCUMENT_PLACEHOLDERS", "STOCK_PHRASES"]

# L-14
STOCK_PHRASES = (
    "in today's fast-paced world",
    "take it to the next level",
    "game changer",
    "unlock your potential",
    "best-in-class",
    "look no further",
    "second to none",
    "state of the art",
    "one-stop shop",
    "at the end of the day",
)

# L-15
CLICHES = (
    "leverage",
    "synergy",
    "disrupt",
    "cutting-edge",
    "world-class",
    "paradigm",
    "innovative",
    "seamless",
    "robust",
    "holistic",
    "best of breed",
    "thought leader",
    "move the needle",
    "low-hanging fruit",
    "circle back",
    "bleeding edge",
    "next-gen",
    "revolutionary",
    "empower",
    "streamline",
)

# L-17
BANNED_CLAIMS = ("guaranteed", "100%", "risk-free")

# L-16, matched in lower case
DOCUMENT_PLACEHOLDERS = ("tbd", "n/a", "todo", "not specified", "lorem ipsum", "{{")
