"""The one error of bad input: reported as one line, exit code 2, nothing written."""
from __future__ import annotations

__all__ = ["InputError"]


class InputError(Exception):
    """Bad input: reported as one line, exit code 2, nothing written."""
