"""Delivery's settings, read from the environment at call time, under the names legacy reads."""
from __future__ import annotations

import os

__all__ = ["gate_enforced", "output_dir"]


def gate_enforced() -> bool:
    """Q-11: the gate refuses delivery only in E2E mode; otherwise it only warns."""
    return os.environ.get("AICMO_E2E_MODE") == "1"


def output_dir() -> str:
    """The folder the zips go to when the request names none."""
    return os.environ.get("AICMO_OUTPUT_DIR", "out")
