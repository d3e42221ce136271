"""Onboarding's contract errors."""
from __future__ import annotations

from aicmo.shared.errors import Conflict, NotFound

__all__ = ["ClientNotFound", "IllegalStateTransition"]


class ClientNotFound(NotFound):
    """No client with that id."""

    code = "client_not_found"


class IllegalStateTransition(Conflict):
    """The project cannot move from its state to the target state."""

    code = "illegal_state_transition"
