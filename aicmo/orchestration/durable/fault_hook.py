"""A test hook of the composition root: make a journey step raise, before or after its port call.

``AICMO_TEST_FAULT=before:qc.evaluate_creative_set`` makes every attempt of that step raise
before the port is called (nothing committed); ``after:production.produce_creatives:1`` makes
its first attempt raise once the port has answered (its effect committed) and before the
step's checkpoint is written. Several faults are separated by commas; the count is per journey.
Unset, it costs one dictionary lookup per call.
"""
from __future__ import annotations

import os
from collections import Counter
from typing import Optional

__all__ = ["FAULT_ENV", "PlantedFault", "raise_if_planted"]

FAULT_ENV = "AICMO_TEST_FAULT"

_fired: Counter[tuple[str, str, str]] = Counter()


class PlantedFault(RuntimeError):
    """The fault a test planted."""


def _times(step: str, when: str) -> Optional[int]:
    """How often the fault fires at this step and moment (0 when none is planted, None: every time)."""
    for spec in os.environ.get(FAULT_ENV, "").split(","):
        parts = spec.strip().split(":")
        if len(parts) >= 2 and parts[0] == when and parts[1] == step:
            return int(parts[2]) if len(parts) > 2 else None
    return 0


def raise_if_planted(step: str, when: str, journey_id: str) -> None:
    if FAULT_ENV not in os.environ:
        return
    times = _times(step, when)
    if times == 0:
        return
    key = (journey_id, step, when)
    if times is not None and _fired[key] >= times:
        return
    _fired[key] += 1
    raise PlantedFault(f"planted fault {when} {step} (#{_fired[key]})")
