"""Client review: review packages, feedback and revision plans (spec section 5).

Feedback is written onto production's creative_assets rows (Q-10).
"""
from __future__ import annotations

import hashlib
import math
from typing import Any

from sqlalchemy.orm import Session

from aicmo.core import config
from backend.db.models import CampaignRow, CreativeAssetRow

DECISIONS = ("approved", "changes_requested", "rejected")
PRIORITIES = ("high", "medium", "low")
HOURS_PER_PRIORITY = {"high": 1.5, "medium": 1.0, "low": 0.5}  # L-20 (ours)
ESCALATION_ROUND = 2  # L-20 (ours): escalate after the second round of changes

SIMULATED_CHANGES = [
    {"section": "caption", "change": "Make the opening line more specific", "priority": "high"},
    {"section": "hook", "change": "Use the customer's own words", "priority": "medium"},
]


class ReviewError(ValueError):
    pass


def build_review_package(
    campaign: CampaignRow, creatives: list[CreativeAssetRow], qc_result: dict[str, Any]
) -> dict[str, Any]:
    """L-19: the package lists the creatives that passed QC."""
    passed = {r["creative_id"] for r in qc_result["creatives"] if r["passed"]}
    return {
        "campaign_id": campaign.id,
        "creative_ids": [row.id for row in creatives if row.id in passed],
        "status": "sent",
    }


def revision_hours(changes: list[dict[str, str]]) -> float:
    """L-20: 1.5 per high, 1.0 per medium, 0.5 per low, rounded up to the next half hour."""
    raw = sum(HOURS_PER_PRIORITY[c["priority"]] for c in changes)
    return math.ceil(raw * 2) / 2


def validate_changes(changes: list[dict[str, str]]) -> None:
    for i, change in enumerate(changes):
        for key in ("section", "change", "priority"):
            if not change.get(key):
                raise ReviewError(f"requested change {i}: '{key}' is missing")
        if change["priority"] not in PRIORITIES:
            raise ReviewError(f"requested change {i}: priority '{change['priority']}' is not one of {PRIORITIES}")


def record_feedback(
    session: Session,
    campaign: CampaignRow,
    creatives: list[CreativeAssetRow],
    decision: str,
    requested_changes: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    if decision not in DECISIONS:
        raise ReviewError(f"decision '{decision}' is not one of {DECISIONS}")
    changes = list(requested_changes or [])
    validate_changes(changes)
    note = f"[{decision}]" + "".join(f" {c['section']}: {c['change']} ({c['priority']});" for c in changes)
    rounds = 0
    for row in creatives:
        # review writes production's table
        row.review_status = decision
        row.review_notes = f"{row.review_notes}\n{note}" if row.review_notes else note
        if decision == "changes_requested":
            row.review_round = (row.review_round or 0) + 1
        rounds = max(rounds, row.review_round or 0)
    if decision == "rejected":
        campaign.project_state = "REJECTED"  # not a canonical state
    status = decision
    if decision == "changes_requested" and rounds >= ESCALATION_ROUND:
        status = "escalated"
    session.flush()
    result: dict[str, Any] = {"decision": decision, "status": status, "round": rounds, "changes": changes}
    if changes:
        result["revision_plan"] = {"estimated_hours": revision_hours(changes), "changes": changes}
    return result


def simulated_client_requests_changes(brand_name: str) -> bool:
    """A deterministic share of clients (by a hash of the brand) asks for changes once."""
    bucket = int(hashlib.sha256(brand_name.encode("utf-8")).hexdigest(), 16) % 100
    return bucket < config.review_change_share()
