"""Lead grade A..D from the score and what the lead told us (L-37)."""
from __future__ import annotations

from typing import Optional

__all__ = ["grade_fit", "grade_for"]


def _present(value: Optional[str]) -> bool:
    return bool((value or "").strip())


def grade_fit(score: Optional[float], budget: Optional[str], timeline: Optional[str], pain_points: Optional[str]) -> float:
    # added in this order, as floats: 0.5 + 0.2 + 0.1 is 0.7999999999999999, not 0.8
    fit = score or 0.0
    if _present(budget):
        fit += 0.2
    if _present(timeline):
        fit += 0.1
    if _present(pain_points):
        fit += 0.1
    return min(1.0, fit)


def grade_for(score: Optional[float], budget: Optional[str], timeline: Optional[str], pain_points: Optional[str]) -> str:
    fit = grade_fit(score, budget, timeline, pain_points)
    if fit >= 0.8:
        # A needs both budget and timeline; a high fit without them is a B
        return "A" if _present(budget) and _present(timeline) else "B"
    if fit >= 0.6:
        return "B"
    if fit >= 0.4:
        return "C"
    return "D"
