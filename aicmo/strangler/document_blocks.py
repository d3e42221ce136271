"""Generated parts of a Markdown document: the text between two marker lines, rewritten whole.

Figures and lists in README.md and MIGRATION.md are written by the code that measures or reads
them (a benchmark, the deletion checklist), never typed in; the markers say where.
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["block_of", "replace_block"]


def _split(document: Path, begin: str, end: str) -> tuple[str, str, str]:
    content = document.read_text(encoding="utf-8")
    head, found_begin, rest = content.partition(begin + "\n")
    body, found_end, tail = rest.partition(end)
    if not (found_begin and found_end):
        raise SystemExit(f"{document.name}: the markers {begin} and {end} are missing")
    return head, body, tail


def block_of(document: Path, begin: str, end: str) -> str:
    """The text between the markers."""
    return _split(document, begin, end)[1]


def replace_block(document: Path, begin: str, end: str, text: str) -> None:
    """Put ``text`` between the ``begin`` and ``end`` marker lines of ``document``."""
    head, _, tail = _split(document, begin, end)
    body = text if text.endswith("\n") else text + "\n"
    document.write_text(f"{head}{begin}\n{body}{end}{tail}", encoding="utf-8")
