"""Promotion evidence: the recording API (suite runs, shadow comparisons, divergences) and the gate."""
from aicmo.strangler.evidence.gate import DEFAULT_MIN_COMPARISONS, GateVerdict, evaluate_gate
from aicmo.strangler.evidence.recording import PATHS, SUITES, EvidenceError, EvidenceRecorder

__all__ = ["DEFAULT_MIN_COMPARISONS", "PATHS", "SUITES", "EvidenceError", "EvidenceRecorder", "GateVerdict", "evaluate_gate"]
