"""The gate's settings come from configuration; a command line may raise them, never lower them.

The floor is ``AICMO_GATE_MIN_COMPARISONS`` when set, else ``min_comparisons`` under
``[tool.aicmo.gate]`` in the project's pyproject.toml, else 200. A `--min-comparisons` below
the floor is refused (bad input): a promotion cannot be argued through with a smaller sample.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from aicmo.shared.config_file import ProjectConfigError
from aicmo.shared.project_config import load_project_config, project_config
from aicmo.strangler.evidence.gate import DEFAULT_MIN_COMPARISONS

__all__ = ["MIN_COMPARISONS_ENV", "GateSettingRefused", "configured_min_comparisons", "min_comparisons"]

MIN_COMPARISONS_ENV = "AICMO_GATE_MIN_COMPARISONS"


class GateSettingRefused(ValueError):
    """A gate setting below its configured floor, or a configuration that is not a positive number."""


def _positive(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().isdigit() or int(value) < 1:
        raise GateSettingRefused(f"{where} must be a positive whole number, not {value!r}")
    return int(value)


def configured_min_comparisons(pyproject: Optional[Path] = None) -> int:
    """The configured floor of shadow comparisons (see the module docstring for where it is read).

    `pyproject` defaults to the running package's (aicmo.shared.config_file finds it); its
    `[tool.aicmo.gate]` is validated with the rest of the configuration.
    """
    named = os.environ.get(MIN_COMPARISONS_ENV)
    if named is not None:
        return _positive(named, MIN_COMPARISONS_ENV)
    try:
        config = project_config() if pyproject is None else load_project_config(pyproject)
    except ProjectConfigError as exc:
        raise GateSettingRefused(str(exc)) from None
    value = config.gate.min_comparisons
    return DEFAULT_MIN_COMPARISONS if value is None else value


def min_comparisons(requested: Optional[int], floor: int) -> int:
    """The comparisons a promotion needs: the floor, or more when asked; fewer is refused."""
    if requested is None:
        return floor
    if requested < floor:
        raise GateSettingRefused(f"--min-comparisons {requested} is below the configured floor of {floor}; it may only raise it")
    return requested
