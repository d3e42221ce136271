"""Where the project's configuration is: the ``[tool.aicmo]`` table of a pyproject.toml.

The running package reads the pyproject.toml of the checkout it runs from (a source or editable
install keeps it beside the package). An installed copy (``pip install .`` into site-packages)
has none beside it, so the search goes on: the file named by ``AICMO_PYPROJECT``, else the first
pyproject.toml with a ``[tool.aicmo]`` table from the working directory upward (a deployment runs
from its project folder). Nothing found is an error naming every place searched. The checkers
do not search: they read the pyproject.toml of the root they check.

Only tomllib here: `aicmo.shared.modules` reads its list through this at import time.
"""
from __future__ import annotations

import os
import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

__all__ = ["PYPROJECT_ENV", "ProjectConfigError", "file_version", "package_pyproject", "parsed_section", "tool_section"]

PYPROJECT_ENV = "AICMO_PYPROJECT"
SECTION = "[tool.aicmo]"


class ProjectConfigError(ValueError):
    """The project's configuration is missing, unreadable or inconsistent; the message names the key."""


def file_version(pyproject: Path) -> tuple[Path, str]:
    """The file and its text: a cache key that changes whenever the file does (a few kB: cheap to read)."""
    try:
        return pyproject.resolve(), pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProjectConfigError(f"cannot read {pyproject}: {getattr(exc, 'strerror', None) or exc}") from None


def tool_section(pyproject: Path) -> Mapping[str, Any]:
    """The ``[tool.aicmo]`` table of a pyproject.toml ({} when it has none); parsed once per version of the file."""
    return parsed_section(*file_version(pyproject))


@lru_cache(maxsize=32)
def parsed_section(pyproject: Path, text: str) -> Mapping[str, Any]:
    """The ``[tool.aicmo]`` table of this text of the file (cached by the text)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # a key given twice (a table with two owners) is refused here: show the line, it names the key
        raise ProjectConfigError(f"{pyproject} is not valid TOML: {exc}{_quoted_line(text, str(exc))}") from None
    section = data.get("tool", {}).get("aicmo", {})
    if not isinstance(section, dict):
        raise ProjectConfigError(f"{pyproject}: {SECTION} must be a table")
    return section


def _quoted_line(text: str, error: str) -> str:
    found = re.search(r"at line (\d+)", error)
    lines = text.splitlines()
    if not found or not 0 < int(found.group(1)) <= len(lines):
        return ""
    return f": {lines[int(found.group(1)) - 1].strip()}"


def _has_section(pyproject: Path) -> bool:
    return pyproject.is_file() and bool(tool_section(pyproject))


def package_pyproject(start: Path | None = None) -> Path:
    """The pyproject.toml holding the running package's configuration (see the module docstring)."""
    named = os.environ.get(PYPROJECT_ENV)
    if named:
        path = Path(named)
        if not _has_section(path):
            raise ProjectConfigError(f"{PYPROJECT_ENV}={named}: no pyproject.toml with a {SECTION} table there")
        return path
    import aicmo  # the package itself: cheap, and it says where the checkout is

    beside = Path(aicmo.__file__).resolve().parents[1] / "pyproject.toml"
    searched = [beside]
    if _has_section(beside):
        return beside
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        searched.append(candidate)
        if _has_section(candidate):
            return candidate
    places = ", ".join(str(p) for p in searched)
    raise ProjectConfigError(
        f"no pyproject.toml with a {SECTION} table: searched {places}; "
        f"run from the project folder or set {PYPROJECT_ENV} to its pyproject.toml"
    )
