"""Where a command will write (a file, a folder), checked before it runs: a path it cannot write is bad input.

Without the check a journey runs to its end and only then fails to write its --json file, or a
folder that is a file fails the delivery step half-way (exit 1, as if the run had failed). The
checks create nothing: the command makes the missing folders when it writes.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Union

from aicmo.cli_support.input_error import InputError

__all__ = ["check_writable_file", "check_writable_folder"]


def _nearest_existing(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path.cwd()


def _check_creatable_under(option: str, path: Path) -> None:
    """The missing part of ``path`` can be made: its nearest existing ancestor is a writable folder."""
    ancestor = _nearest_existing(path)
    if not ancestor.is_dir():
        raise InputError(f"{option}: cannot write {path}: {ancestor} is not a folder")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise InputError(f"{option}: cannot write {path}: {ancestor} is not writable")


def check_writable_file(option: str, target: Optional[Union[str, Path]]) -> None:
    """``target`` (None: not asked for; '-': stdout) can be written as a file."""
    if target is None or str(target) in ("", "-"):
        return
    path = Path(target)
    if path.is_dir():
        raise InputError(f"{option}: {path} is a folder, not a file")
    if path.exists():
        if not os.access(path, os.W_OK):
            raise InputError(f"{option}: cannot write {path}: not writable")
        return
    _check_creatable_under(option, path.parent)


def check_writable_folder(option: str, folder: Union[str, Path]) -> None:
    """``folder`` is a writable folder, or can be made."""
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise InputError(f"{option}: {path} is a file, not a folder")
    _check_creatable_under(option, path)
