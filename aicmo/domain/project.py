"""Project and its canonical state machine (spec section 2)."""
from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel


class IllegalStateTransition(Exception):
    pass


class ProjectState(str, Enum):
    CREATED = "CREATED"
    INTAKE_COMPLETE = "INTAKE_COMPLETE"
    STRATEGY_GENERATED = "STRATEGY_GENERATED"
    STRATEGY_APPROVED = "STRATEGY_APPROVED"
    CAMPAIGN_DEFINED = "CAMPAIGN_DEFINED"
    CREATIVE_GENERATED = "CREATIVE_GENERATED"
    QC_FAILED = "QC_FAILED"
    QC_APPROVED = "QC_APPROVED"
    DELIVERED = "DELIVERED"


ALLOWED_TRANSITIONS: dict[ProjectState, set[ProjectState]] = {
    ProjectState.CREATED: {ProjectState.INTAKE_COMPLETE},
    ProjectState.INTAKE_COMPLETE: {ProjectState.STRATEGY_GENERATED},
    ProjectState.STRATEGY_GENERATED: {ProjectState.STRATEGY_APPROVED},
    ProjectState.STRATEGY_APPROVED: {ProjectState.CAMPAIGN_DEFINED},
    ProjectState.CAMPAIGN_DEFINED: {ProjectState.CREATIVE_GENERATED},
    ProjectState.CREATIVE_GENERATED: {ProjectState.QC_FAILED, ProjectState.QC_APPROVED},
    ProjectState.QC_FAILED: {ProjectState.QC_APPROVED},
    ProjectState.QC_APPROVED: {ProjectState.DELIVERED},
    ProjectState.DELIVERED: set(),
}

# strategy_status written alongside each state by apply_to_campaign
_STRATEGY_STATUS_FOR_STATE = {
    ProjectState.STRATEGY_GENERATED: "DRAFT",
    ProjectState.STRATEGY_APPROVED: "APPROVED",
}


class Project(BaseModel):
    id: str
    name: str
    state: ProjectState = ProjectState.CREATED
    strategy_status: str | None = None

    @classmethod
    def from_campaign(cls, campaign: Any) -> "Project":
        raw = campaign.project_state
        if raw in ProjectState.__members__:
            state = ProjectState(raw)
        elif campaign.strategy_status == "APPROVED":
            state = ProjectState.STRATEGY_APPROVED
        else:
            state = ProjectState.STRATEGY_GENERATED
        return cls(
            id=campaign.id,
            name=campaign.name,
            state=state,
            strategy_status=campaign.strategy_status,
        )

    def can_transition_to(self, target: ProjectState) -> bool:
        return target in ALLOWED_TRANSITIONS[self.state]

    def transition_to(self, target: ProjectState) -> "Project":
        target = ProjectState(target)
        if not self.can_transition_to(target):
            raise IllegalStateTransition(f"{self.state.value} -> {target.value}")
        self.state = target
        if target in _STRATEGY_STATUS_FOR_STATE:
            self.strategy_status = _STRATEGY_STATUS_FOR_STATE[target]
        return self

    def apply_to_campaign(self, campaign: Any) -> None:
        campaign.project_state = self.state.value
        if self.strategy_status is not None:
            campaign.strategy_status = self.strategy_status
