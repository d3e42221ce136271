"""A JSON input file read safely: size, encoding and NUL checked first, nesting depth before parsing.

json.loads recurses once per level, so a file of a few thousand brackets ends in a
RecursionError; the depth is counted on the text before the parser sees it.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from aicmo.cli_support.input_error import InputError
from aicmo.cli_support.input_text import JSON_FILE_LIMIT, read_text

__all__ = ["MAX_DEPTH", "read_json_object"]

# an intake is two levels deep, a campaign three
MAX_DEPTH = 16
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _check_depth(path: Path, text: str) -> None:
    depth = 0
    for token in _TOKENS.finditer(text):
        mark = token.group()
        if mark in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, token.start()) + 1
                raise InputError(f"{path}: nested deeper than {MAX_DEPTH} levels at line {line}")
        elif mark in "]}":
            depth -= 1


def _check_no_nul(path: Path, value: Any, location: str) -> None:
    """A NUL written as \\u0000 survives the byte check; PostgreSQL refuses it in any text column."""
    if isinstance(value, str):
        if "\x00" in value:
            raise InputError(f"{path}: field '{location or '(root)'}': NUL character")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_no_nul(path, key, location)
            _check_no_nul(path, item, f"{location}.{key}" if location else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_no_nul(path, item, f"{location}.{index}" if location else str(index))


def read_json_object(path: Path) -> dict[str, Any]:
    """The file's JSON object; InputError naming the file (and the field) for anything else."""
    text = read_text(path, JSON_FILE_LIMIT)
    _check_depth(path, text)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a JSON object, got {type(data).__name__}")
    _check_no_nul(path, data, "")
    return data
