"""Shadow settings read from the environment: how long a candidate may run before it is abandoned."""
from __future__ import annotations

import math
import os
from typing import Mapping, Optional

__all__ = ["DEFAULT_TIMEOUT_S", "TIMEOUT_ENV", "ShadowSettingError", "candidate_timeout"]

TIMEOUT_ENV = "AICMO_SHADOW_TIMEOUT_S"
# the new QC answers in milliseconds; 2 s is far beyond a healthy candidate and still bounds
# what a hung one adds to a journey
DEFAULT_TIMEOUT_S = 2.0
_LONGEST_S = 600.0  # longer is a typo, not a wish: the caller waits this long at worst


class ShadowSettingError(ValueError):
    """A shadow setting that is not usable; its message is the one line a command prints."""


def candidate_timeout(environ: Optional[Mapping[str, str]] = None) -> float:
    """Seconds a shadow candidate may run: AICMO_SHADOW_TIMEOUT_S, or the default."""
    raw = (os.environ if environ is None else environ).get(TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_TIMEOUT_S
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not (0 < value <= _LONGEST_S):
        raise ShadowSettingError(f"{TIMEOUT_ENV}='{raw}': expected seconds, a number above 0 and at most {_LONGEST_S:g}")
    return value
