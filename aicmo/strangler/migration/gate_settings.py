"""The gate's settings come from configuration; a command line may raise them, never lower them.

The floor is ``AICMO_GATE_MIN_COMPARISONS`` when set, else ``min_comparisons`` under
``[tool.aicmo.gate]`` in the project's pyproject.toml, else 200. A `--min-comparisons` below
the floor is refused (bad input): a promotion cannot be argued through with a smaller sample.
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Optional

from aicmo.strangler.evidence.gate import DEFAULT_MIN_COMPARISONS

__all__ = ["MIN_COMPARISONS_ENV", "GateSettingRefused", "configured_min_comparisons", "min_comparisons"]

MIN_COMPARISONS_ENV = "AICMO_GATE_MIN_COMPARISONS"
_PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


class GateSettingRefused(ValueError):
    """A gate setting below its configured floor, or a configuration that is not a positive number."""


def _positive(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().isdigit() or int(value) < 1:
        raise GateSettingRefused(f"{where} must be a positive whole number, not {value!r}")
    return int(value)


def configured_min_comparisons(pyproject: Path = _PYPROJECT) -> int:
    """The configured floor of shadow comparisons (see the module docstring for where it is read)."""
    named = os.environ.get(MIN_COMPARISONS_ENV)
    if named is not None:
        return _positive(named, MIN_COMPARISONS_ENV)
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return DEFAULT_MIN_COMPARISONS  # an installed deployment without the project's pyproject.toml
    value = data.get("tool", {}).get("aicmo", {}).get("gate", {}).get("min_comparisons")
    return DEFAULT_MIN_COMPARISONS if value is None else _positive(value, "[tool.aicmo.gate] min_comparisons")


def min_comparisons(requested: Optional[int], floor: int) -> int:
    """The comparisons a promotion needs: the floor, or more when asked; fewer is refused."""
    if requested is None:
        return floor
    if requested < floor:
        raise GateSettingRefused(f"--min-comparisons {requested} is below the configured floor of {floor}; it may only raise it")
    return requested
