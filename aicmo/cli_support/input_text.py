"""Reading an input file as text, refused before anything parses it: too big, not UTF-8, NUL bytes.

Every check runs on the raw bytes first so a hostile file costs at most its size limit in
memory and never reaches a parser (json, csv) or a database; each refusal is one line
naming the file.
"""
from __future__ import annotations

from pathlib import Path

from aicmo.cli_support.input_error import InputError

__all__ = ["JSON_FILE_LIMIT", "CSV_FILE_LIMIT", "read_text"]

MIB = 1024 * 1024
# an intake or campaign is a few hundred bytes; a megabyte leaves room without inviting abuse
JSON_FILE_LIMIT = 1 * MIB
# 100,000 leads of about 250 bytes each fit with room to spare
CSV_FILE_LIMIT = 64 * MIB


def _size_text(size: int) -> str:
    return f"{size / MIB:.1f} MB" if size >= MIB else f"{size} bytes"


def read_text(path: Path, limit: int) -> str:
    """The file's text (UTF-8, a BOM dropped); InputError when missing, too big, not UTF-8 or holding NUL."""
    if not path.exists():
        raise InputError(f"{path}: file not found")
    if not path.is_file():
        raise InputError(f"{path}: not a file")
    size = path.stat().st_size
    if size > limit:
        raise InputError(f"{path}: {_size_text(size)} is over the limit of {_size_text(limit)}")
    with path.open("rb") as handle:
        data = handle.read(limit + 1)  # the file may have grown since stat
    if len(data) > limit:
        raise InputError(f"{path}: over the limit of {_size_text(limit)}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise InputError(f"{path}: NUL byte at line {line}")
    return text
