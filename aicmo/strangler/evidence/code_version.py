"""Which commit of the code is running: suite runs are recorded at it, and promotions name it.

A suite run proves something only about the code it ran on, so the gate accepts runs recorded
at the commit being promoted. ``AICMO_COMMIT`` names it where there is no git checkout (an
installed deployment); otherwise it is the checkout's HEAD, read where this package lives (not
the current folder, which a command may be run from anywhere).
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Optional

__all__ = ["COMMIT_ENV", "code_commit"]

COMMIT_ENV = "AICMO_COMMIT"
_PACKAGE_ROOT = Path(__file__).resolve().parents[3]


def code_commit() -> Optional[str]:
    """The full commit id of the running code, or None when nothing names it."""
    named = os.environ.get(COMMIT_ENV, "").strip()
    if named:
        return named
    try:
        found = subprocess.run(["git", "rev-parse", "HEAD"], cwd=_PACKAGE_ROOT, capture_output=True, text=True,
                               timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    commit = found.stdout.strip()
    return commit if found.returncode == 0 and commit else None
