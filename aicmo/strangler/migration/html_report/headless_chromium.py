"""Open a local HTML file in headless Chromium: the DOM it rendered, or a screenshot of it.

For the page's browser test and the README's screenshot. Each run has a profile directory of its
own, so runs side by side never share (or lock) one.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

__all__ = ["ChromiumFailed", "chromium", "dump_dom", "screenshot"]

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_S = 60


class ChromiumFailed(RuntimeError):
    """Chromium exited with an error, or did not answer in time."""


def chromium() -> Optional[str]:
    """The Chromium executable (AICMO_CHROMIUM, else the first on PATH), or None."""
    named = os.environ.get("AICMO_CHROMIUM")
    if named:
        return shutil.which(named)
    return next((found for found in map(shutil.which, CANDIDATES) if found), None)


def _run(executable: str, page: Path, *flags: str) -> str:
    with tempfile.TemporaryDirectory(prefix="aicmo-chromium-") as profile:
        argv = [executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                f"--user-data-dir={profile}", *flags, page.resolve().as_uri()]
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise ChromiumFailed(f"{executable} did not finish within {TIMEOUT_S} s") from None
    if done.returncode != 0:
        raise ChromiumFailed(f"{executable} exited {done.returncode}: {done.stderr.strip()[-2000:]}")
    return done.stdout


def dump_dom(executable: str, page: Path) -> str:
    """The DOM after Chromium parsed and laid out the page, serialized."""
    return _run(executable, page, "--dump-dom")


def screenshot(executable: str, page: Path, png: Path, width: int, height: int) -> None:
    """The top `width` x `height` pixels of the page, as a PNG at `png`."""
    png.unlink(missing_ok=True)
    # without these, a busy machine's Chromium may photograph the page before it painted all of it
    _run(executable, page, "--run-all-compositor-stages-before-draw", "--virtual-time-budget=2000",
         f"--window-size={width},{height}", f"--screenshot={png.resolve()}")
    if not png.is_file():
        raise ChromiumFailed(f"{executable} wrote no screenshot to {png}")
