"""L-07: the plan's validation, message for message and in legacy's order."""
from __future__ import annotations

from aicmo.strategy.internal.model import Plan

__all__ = ["MIN_SUMMARY_LENGTH", "PLACEHOLDERS", "validation_errors"]

# matched case-insensitively, in this order: the order of the messages follows it
PLACEHOLDERS = ("tbd", "n/a", "todo", "not specified", "lorem ipsum", "{{")
MIN_SUMMARY_LENGTH = 50


def _texts(plan: Plan) -> list[tuple[str, str]]:
    """Every text of the plan that may not hold a placeholder, with its field path."""
    texts = [
        ("executive_summary", plan.executive_summary),
        ("situation_analysis", plan.situation_analysis),
        ("strategy_narrative", plan.strategy_narrative),
        ("timeline", plan.timeline),
    ]
    for i, pillar in enumerate(plan.pillars):
        texts += [(f"pillars[{i}].name", pillar.name), (f"pillars[{i}].description", pillar.description),
                  (f"pillars[{i}].kpi_impact", pillar.kpi_impact)]
    for i, kpi in enumerate(plan.kpis):
        texts += [(f"kpis[{i}].name", kpi.name), (f"kpis[{i}].target", kpi.target), (f"kpis[{i}].unit", kpi.unit)]
    texts += [(f"channels[{i}].name", channel.name) for i, channel in enumerate(plan.channels)]
    return texts


def validation_errors(plan: Plan) -> list[str]:
    errors = []
    if len(plan.executive_summary) < MIN_SUMMARY_LENGTH:
        errors.append(f"executive_summary is {len(plan.executive_summary)} characters (minimum {MIN_SUMMARY_LENGTH})")
    for field, text in _texts(plan):
        lowered = (text or "").lower()
        errors += [f"{field} contains placeholder '{p}'" for p in PLACEHOLDERS if p in lowered]
    return errors
