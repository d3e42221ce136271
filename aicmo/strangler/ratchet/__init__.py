"""The baseline-and-ratchet machinery shared by the boundaries and ownership checks.

A check produces findings with stable keys; the committed baseline lists the accepted ones.
New findings and stale entries fail; the baseline only shrinks unless a reason is given.
"""
from aicmo.strangler.ratchet.baseline import Baseline, BaselineEntry, BaselineFormatError, Verdict, compare
from aicmo.strangler.ratchet.finding import Finding

__all__ = ["Baseline", "BaselineEntry", "BaselineFormatError", "Finding", "Verdict", "compare"]
