"""Cancel a client project: the compensation of onboarding's and strategy's journey steps.

The project is a cam_campaigns row of kind "project", created by legacy onboarding (spec
section 11). cam owns that table, so cam marks it: the row stays (its intake, strategy and
history are evidence of what happened) with project_state CANCELLED, a state no transition
leaves.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from aicmo.shared.compensation import Compensation, CompensationStatus
from backend.db.models import CampaignRow

__all__ = ["CANCELLED", "cancel_project"]

CANCELLED = "CANCELLED"
ACTION = "cancel_project"


def cancel_project(session: Session, client_id: str) -> Compensation:
    row = session.get(CampaignRow, client_id)
    if row is None or row.kind != "project":
        return Compensation(action=ACTION, target_id=client_id, status=CompensationStatus.NOTHING_TO_COMPENSATE)
    if row.project_state == CANCELLED:
        return Compensation(action=ACTION, target_id=client_id, status=CompensationStatus.ALREADY_COMPENSATED)
    row.project_state = CANCELLED
    return Compensation(action=ACTION, target_id=client_id, status=CompensationStatus.COMPENSATED, undone=(client_id,))
