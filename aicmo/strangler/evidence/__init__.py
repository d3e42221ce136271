"""Promotion evidence: the recording API (suite runs, shadow comparisons, divergences) and the gate.

The names are imported on first use: the runners import `unit_of_work` (a few lines) on every
start, and should not pay for SQLAlchemy and the tables until a comparison is recorded.
"""
from __future__ import annotations

import importlib
from typing import Any

__all__ = ["DEFAULT_MIN_COMPARISONS", "PATHS", "SUITES", "EvidenceError", "EvidenceRecorder", "GateVerdict", "evaluate_gate"]

_HOMES = {
    "DEFAULT_MIN_COMPARISONS": "gate", "GateVerdict": "gate", "evaluate_gate": "gate",
    "PATHS": "recording", "SUITES": "recording", "EvidenceError": "recording", "EvidenceRecorder": "recording",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
