"""Figures in README.md are written by the benchmark that measured them, between two markers."""
from __future__ import annotations

from pathlib import Path

__all__ = ["replace_block"]


def replace_block(document: Path, begin: str, end: str, text: str) -> None:
    """Put ``text`` between the ``begin`` and ``end`` marker lines of ``document``."""
    content = document.read_text(encoding="utf-8")
    head, found_begin, rest = content.partition(begin + "\n")
    _, found_end, tail = rest.partition(end)
    if not (found_begin and found_end):
        raise SystemExit(f"{document.name}: the markers {begin} and {end} are missing")
    document.write_text(f"{head}{begin}\n{text}\n{end}{tail}", encoding="utf-8")
