"""The integration events a project's creation and moves raise (aicmo.onboarding.api.events)."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from aicmo.onboarding.api import ClientOnboarded, ProjectState, ProjectStateChanged
from aicmo.onboarding.internal.project import Project
from aicmo.shared.ids import ClientId, CorrelationId, MessageId, derived_id

__all__ = ["onboarded_events", "state_changed"]


def _common(project: Project) -> dict[str, Any]:
    # a client's journey is the flow, so its id stands in for the flow's (as qc does)
    return {"correlation_id": CorrelationId(project.client_id), "client_id": ClientId(project.client_id)}


def onboarded_events(project: Project) -> tuple[ClientOnboarded, ProjectStateChanged]:
    """A new project: the client onboarded, and its first state."""
    return (
        ClientOnboarded(event_id=derived_id(MessageId, project.client_id, "ClientOnboarded"),
                        occurred_at=project.created_at, name=project.name, pack=project.pack, **_common(project)),
        state_changed(project, None, project.created_at),
    )


def state_changed(project: Project, from_state: Optional[ProjectState], at: datetime) -> ProjectStateChanged:
    """The project's move to its current state; named by the change's number, one event per change."""
    return ProjectStateChanged(
        event_id=derived_id(MessageId, project.client_id, project.version, "ProjectStateChanged"),
        occurred_at=at, from_state=from_state, to_state=project.state, **_common(project),
    )
