"""Legacy configuration, read from the environment at call time."""
from __future__ import annotations

import os


def e2e_mode() -> bool:
    return os.environ.get("AICMO_E2E_MODE") == "1"


def review_change_share() -> int:
    """Percent of clients who request changes once before approving (default 25)."""
    return int(os.environ.get("AICMO_REVIEW_CHANGE_SHARE", "25"))


def output_dir() -> str:
    return os.environ.get("AICMO_OUTPUT_DIR", "out")
