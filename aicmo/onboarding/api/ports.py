"""Onboarding's port: intake in, client project out, and the project's state machine."""
from __future__ import annotations

from typing import Any, Mapping, Protocol, runtime_checkable

from aicmo.onboarding.api.dtos import (
    ClientBrief,
    ClientIntake,
    ClientProject,
    IntakeCompleteness,
    ProjectState,
)
from aicmo.shared.compensation import Compensation
from aicmo.shared.dto import IdempotencyKey
from aicmo.shared.ids import ClientId

__all__ = ["OnboardingPort"]


@runtime_checkable
class OnboardingPort(Protocol):
    """What other modules and the orchestration may ask of onboarding."""

    def read_intake_request(self, request: Mapping[str, Any]) -> ClientIntake:
        """A loose request as an intake: aliases brand/company, audience, goal; no brand is "Unknown" (L-02)."""
        ...

    def build_brief(self, intake: ClientIntake) -> ClientBrief:
        """The brief with the silent defaults of L-01."""
        ...

    def check_intake(self, intake: ClientIntake) -> IntakeCompleteness:
        """The required intake fields that are missing (L-03)."""
        ...

    def onboard_client(self, intake: ClientIntake, idempotency_key: IdempotencyKey) -> ClientProject:
        """Create the client and its project from the intake (L-04)."""
        ...

    def get_project(self, client_id: ClientId) -> ClientProject:
        """The client's project as it stands; ClientNotFound when unknown."""
        ...

    def advance_project(
        self, client_id: ClientId, target: ProjectState, idempotency_key: IdempotencyKey
    ) -> ClientProject:
        """Move the project along the canonical state machine; IllegalStateTransition otherwise."""
        ...

    def record_skipped_gate_delivery(self, client_id: ClientId, idempotency_key: IdempotencyKey) -> ClientProject:
        """Delivery went ahead past its skipped gate (Q-11): a project in QC_FAILED is DELIVERED, outside the
        canonical machine, as legacy's packager records it (Q-24); a project in any other state is left as it is."""
        ...

    def record_client_rejection(self, client_id: ClientId, idempotency_key: IdempotencyKey) -> ClientProject:
        """The client rejected the review package (Q-10): the project is REJECTED, outside the canonical
        machine, as legacy's client review records it; a project already REJECTED is left as it is."""
        ...

    def cancel_project(self, client_id: ClientId, idempotency_key: IdempotencyKey) -> Compensation:
        """Compensates onboard_client and advance_project: the project is CANCELLED, a state no move leaves.

        An unknown client is NOTHING_TO_COMPENSATE, a cancelled project ALREADY_COMPENSATED; the
        same key answers as it first did. Asked by the composition root for cam's cancel_project
        (the saga's compensation) while cam is on its new path.
        """
        ...

    def add_project_note(self, client_id: ClientId, note: str, idempotency_key: IdempotencyKey) -> ClientProject:
        """Append a stamp to the project description, e.g. a strategy decision's (L-08)."""
        ...
