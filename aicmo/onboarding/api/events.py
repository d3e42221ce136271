"""Onboarding's integration events."""
from __future__ import annotations

from typing import Optional

from aicmo.onboarding.api.dtos import Pack, ProjectState
from aicmo.shared.events import IntegrationEvent
from aicmo.shared.ids import ClientId

__all__ = ["ClientOnboarded", "ProjectStateChanged"]


class ClientOnboarded(IntegrationEvent):
    """A signed client's intake became a client project."""

    client_id: ClientId
    """The new client."""
    name: str
    """The project's name (the brand)."""
    pack: Pack
    """The pack bought."""


class ProjectStateChanged(IntegrationEvent):
    """A client project moved to another state."""

    client_id: ClientId
    """The client."""
    from_state: Optional[ProjectState]
    """The state before; None for a new project."""
    to_state: ProjectState
    """The state now."""
