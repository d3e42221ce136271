"""OnboardingPort over legacy: create_client, the Project state machine, the project row."""
from __future__ import annotations

from typing import Any, Mapping

from pydantic import ValidationError

from acl._support.errors import TranslationError
from acl._support.idempotency import DurableIdempotency
from acl._support.legacy_session import legacy_session
from acl._support.project_rows import project_row
from acl.onboarding.legacy_view_sync import write_project_row
from acl.onboarding.translation import (
    brief_from_legacy,
    intake_from_legacy,
    intake_to_legacy,
    project_from_row,
)
from aicmo.domain import ClientIntake as LegacyIntake
from aicmo.domain import IllegalStateTransition as LegacyIllegalTransition
from aicmo.domain import Project
from aicmo.domain import ProjectState as LegacyState
from aicmo.onboarding.api import (
    ClientBrief,
    ClientIntake,
    ClientProject,
    IllegalStateTransition,
    IntakeCompleteness,
    ProjectState,
)
from aicmo.shared.compensation import Compensation, CompensationStatus
from aicmo.shared.ids import ClientId
from backend.db.models import CampaignRow
from backend.services.onboarding import create_client

__all__ = ["LegacyOnboarding"]

MODULE = "onboarding"
CANCEL = "cancel_project"


class LegacyOnboarding:
    """The onboarding port, answered by the legacy services."""

    def __init__(self) -> None:
        self._idempotency = DurableIdempotency(MODULE)

    def read_intake_request(self, request: Mapping[str, Any]) -> ClientIntake:
        try:
            legacy = LegacyIntake.from_request(dict(request))
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            raise TranslationError(f"intake request: field '{field}': {first['msg']}", field=field) from None
        return intake_from_legacy(legacy)

    def build_brief(self, intake: ClientIntake) -> ClientBrief:
        return brief_from_legacy(intake_to_legacy(intake).to_brief())

    def check_intake(self, intake: ClientIntake) -> IntakeCompleteness:
        missing = intake_to_legacy(intake).missing_fields()
        return IntakeCompleteness(missing_fields=tuple(missing), complete=not missing)

    def onboard_client(self, intake: ClientIntake, idempotency_key: str) -> ClientProject:
        def run() -> ClientProject:
            legacy = intake_to_legacy(intake)
            with legacy_session(MODULE) as session:
                return project_from_row(create_client(session, legacy))

        return self._idempotency.once("onboard_client", idempotency_key, intake, run)

    def get_project(self, client_id: ClientId) -> ClientProject:
        with legacy_session(MODULE) as session:
            return project_from_row(project_row(session, client_id))

    def advance_project(self, client_id: ClientId, target: ProjectState, idempotency_key: str) -> ClientProject:
        def run() -> ClientProject:
            with legacy_session(MODULE) as session:
                row = project_row(session, client_id)
                if row.project_state == ProjectState.CANCELLED.value:
                    # legacy's machine has no such state: a compensated project is final
                    raise IllegalStateTransition(
                        f"CANCELLED -> {ProjectState(target).value}",
                        current=ProjectState.CANCELLED.value,
                        target=ProjectState(target).value,
                    )
                project = _machine_for(row)
                try:
                    project.transition_to(LegacyState(ProjectState(target).value))
                except (LegacyIllegalTransition, ValueError):
                    raise IllegalStateTransition(
                        f"{project.state.value} -> {ProjectState(target).value}",
                        current=project.state.value,
                        target=ProjectState(target).value,
                    ) from None
                project.apply_to_campaign(row)
                return project_from_row(row)

        return self._idempotency.once("advance_project", idempotency_key, (client_id, target), run)

    def record_skipped_gate_delivery(self, client_id: ClientId, idempotency_key: str) -> ClientProject:
        def run() -> ClientProject:
            with legacy_session(MODULE) as session:
                row = project_row(session, client_id)
                if row.project_state == ProjectState.QC_FAILED.value:
                    # Q-24 as legacy's packager writes it, outside legacy's machine
                    delivered = project_from_row(row).model_copy(update={"state": ProjectState.DELIVERED})
                    write_project_row(session, delivered)
                return project_from_row(row)

        return self._idempotency.once("record_skipped_gate_delivery", idempotency_key, str(client_id), run)

    def record_client_rejection(self, client_id: ClientId, idempotency_key: str) -> ClientProject:
        def run() -> ClientProject:
            with legacy_session(MODULE) as session:
                row = project_row(session, client_id)
                if row.project_state != ProjectState.REJECTED.value:
                    # Q-10 as legacy's client review writes it, outside legacy's machine
                    rejected = project_from_row(row).model_copy(update={"state": ProjectState.REJECTED})
                    write_project_row(session, rejected)
                return project_from_row(row)

        return self._idempotency.once("record_client_rejection", idempotency_key, str(client_id), run)

    def cancel_project(self, client_id: ClientId, idempotency_key: str) -> Compensation:
        """The project CANCELLED exactly as legacy cam's compensation writes it (acl/cam/project_cancellation.py)."""
        def run() -> Compensation:
            target = str(client_id)
            with legacy_session(MODULE) as session:
                row = session.get(CampaignRow, target)
                if row is None or row.kind != "project":
                    return Compensation(action=CANCEL, target_id=target, status=CompensationStatus.NOTHING_TO_COMPENSATE)
                if row.project_state == ProjectState.CANCELLED.value:
                    return Compensation(action=CANCEL, target_id=target, status=CompensationStatus.ALREADY_COMPENSATED)
                cancelled = project_from_row(row).model_copy(update={"state": ProjectState.CANCELLED})
                write_project_row(session, cancelled)
                return Compensation(action=CANCEL, target_id=target, status=CompensationStatus.COMPENSATED, undone=(target,))

        return self._idempotency.once("cancel_project", idempotency_key, str(client_id), run)

    def add_project_note(self, client_id: ClientId, note: str, idempotency_key: str) -> ClientProject:
        def run() -> ClientProject:
            with legacy_session(MODULE) as session:
                row = project_row(session, client_id)
                noted = project_from_row(row).model_copy(update={"description": f"{row.description} {note}"})
                write_project_row(session, noted)
                return project_from_row(row)

        return self._idempotency.once("add_project_note", idempotency_key, (client_id, note), run)


def _machine_for(row: CampaignRow) -> Project:
    # A row fresh from create_client holds STRATEGY_DRAFT, which from_campaign reads as
    # STRATEGY_GENERATED; the operator flow starts such a project at CREATED, and so do we.
    if row.project_state == "STRATEGY_DRAFT" and row.strategy_status is None:
        return Project(id=row.id, name=row.name)
    return Project.from_campaign(row)
