"""The legacy view of client projects: with onboarding on its new path, keep the cam_campaigns project row.

Legacy readers (strategy, production, client_review, delivery on legacy, the operator flow)
load the project from its `cam_campaigns` row (spec L-04, section 11). The new onboarding keeps
projects in its own tables, so this sync writes the row from the ClientProject DTO, through the
legacy session, exactly as legacy onboarding did: the insert of `create_client`, then
`project_state` (`apply_to_campaign`) and `description` (the notes). Never `strategy_text` nor
`strategy_status`: those are strategy's legacy view, written on this same row. Never
`updated_at` after the insert: legacy never moved it.

Frozen legacy writers of other modules still write this row (client_review Q-10 REJECTED,
delivery Q-24 DELIVERED, cam's cancellation, strategy's approval stamps while strategy is on
legacy). Before each call that reads or changes a project the wrapper looks at the row: a
value onboarding did not write is taken in by onboarding (`absorb_legacy_write`, its own
transaction, once); a row still showing what it showed before onboarding's last change is a
sync lost in a crash, and is written again. A row already showing the project as it stands
(most calls) is only read: one select of the row, none of the change log, no write.
"""
from __future__ import annotations

from typing import Any, Mapping, Optional

import attrs

from acl._support.legacy_session import legacy_session
from acl._support.project_rows import intake_to_legacy
from aicmo.onboarding.api import (
    ClientBrief,
    ClientIntake,
    ClientNotFound,
    ClientProject,
    IntakeCompleteness,
    ProjectState,
)
from aicmo.onboarding.internal.legacy_view import LegacyWrite, ViewColumn, ViewExpectation
from aicmo.onboarding.internal.service import OnboardingService
from aicmo.shared.compensation import Compensation, CompensationStatus
from aicmo.shared.ids import ClientId
from backend.db.models import CampaignRow

__all__ = [
    "OnboardingWithLegacyView", "SeenView", "legacy_writes", "read_legacy_view", "sync_legacy_view", "write_project_row",
]

MODULE = "onboarding"
_STATES = frozenset(state.value for state in ProjectState)


@attrs.frozen
class SeenView:
    """The two columns onboarding keeps, as the project row showed them."""

    project_state: Optional[str]
    description: str


def read_legacy_view(client_id: str) -> Optional[SeenView]:
    """The project row's columns, or None when there is no project row."""
    with legacy_session(MODULE) as session:
        row = session.get(CampaignRow, str(client_id))
        return SeenView(row.project_state, row.description) if row is not None and row.kind == "project" else None


def sync_legacy_view(project: ClientProject, seen: Optional[SeenView] = None) -> None:
    """Write the project row from the project: inserted if missing, else its state and description.

    With ``seen`` (the row as the caller read it), a column another writer changed since is
    left alone: it is a legacy write the next look takes in, not a value to overwrite.
    """
    with legacy_session(MODULE) as session:
        write_project_row(session, project, seen)


def write_project_row(session: Any, project: ClientProject, seen: Optional[SeenView] = None) -> None:
    """The one place that writes onboarding's columns of the project row, in the caller's session.

    The legacy adapter's notes and this sync both write through it, so the write into cam's
    table is one, not two. See sync_legacy_view for ``seen``.
    """
    row = session.get(CampaignRow, str(project.client_id), with_for_update=True)
    if row is None:
        # create_client's values, column for column: the intake JSON is legacy's model_dump_json
        session.add(CampaignRow(
            id=str(project.client_id),
            name=project.name,
            description=project.description,
            kind="project",
            intake_json=intake_to_legacy(project.intake).model_dump_json(),
            strategy_status=None,
            project_state=project.state.value,
            service_key=project.pack.value,
            created_at=project.created_at,
            updated_at=project.updated_at,
        ))
        session.flush()
        return
    if seen is None or row.project_state in (seen.project_state, project.state.value):
        row.project_state = project.state.value
    if seen is None or row.description in (seen.description, project.description):
        row.description = project.description


def _holds(seen: SeenView, project: ClientProject) -> bool:
    """Whether the row shows the project's two columns as they stand."""
    return seen.project_state == project.state.value and seen.description == project.description


def legacy_writes(seen: SeenView, expected: ViewExpectation) -> list[LegacyWrite]:
    """The values in the row that onboarding did not write: neither its current ones nor (a lost sync) those before its last change."""
    writes = []
    state = seen.project_state
    if state != expected.project.state.value and state != (expected.state_before and expected.state_before.value):
        if state in _STATES:  # anything else is no project state at all: the sync writes over it
            writes.append(LegacyWrite(ViewColumn.PROJECT_STATE, state, expected.version))
    if seen.description not in (expected.project.description, expected.description_before):
        writes.append(LegacyWrite(ViewColumn.DESCRIPTION, seen.description, expected.version))
    return writes


class OnboardingWithLegacyView:
    """An OnboardingPort keeping the project row in step with the new onboarding it wraps."""

    def __init__(self, onboarding: OnboardingService) -> None:
        self._onboarding = onboarding

    def read_intake_request(self, request: Mapping[str, Any]) -> ClientIntake:
        return self._onboarding.read_intake_request(request)

    def build_brief(self, intake: ClientIntake) -> ClientBrief:
        return self._onboarding.build_brief(intake)

    def check_intake(self, intake: ClientIntake) -> IntakeCompleteness:
        return self._onboarding.check_intake(intake)

    def onboard_client(self, intake: ClientIntake, idempotency_key: str) -> ClientProject:
        project = self._onboarding.onboard_client(intake, idempotency_key)
        # from the project as it stands: a replayed key answers the project as first created
        self._reconcile(project.client_id)
        return project

    def get_project(self, client_id: ClientId) -> ClientProject:
        self._reconcile(client_id)
        return self._onboarding.get_project(client_id)

    def advance_project(self, client_id: ClientId, target: ProjectState, idempotency_key: str) -> ClientProject:
        self._reconcile(client_id)
        project = self._onboarding.advance_project(client_id, target, idempotency_key)
        self._reconcile(client_id)
        return project

    def record_skipped_gate_delivery(self, client_id: ClientId, idempotency_key: str) -> ClientProject:
        self._reconcile(client_id)
        project = self._onboarding.record_skipped_gate_delivery(client_id, idempotency_key)
        self._reconcile(client_id)
        return project

    def record_client_rejection(self, client_id: ClientId, idempotency_key: str) -> ClientProject:
        self._reconcile(client_id)
        project = self._onboarding.record_client_rejection(client_id, idempotency_key)
        self._reconcile(client_id)
        return project

    def cancel_project(self, client_id: ClientId, idempotency_key: str) -> Compensation:
        try:
            self._reconcile(client_id)
        except ClientNotFound:
            pass  # an unknown client: nothing to cancel, nothing to write
        compensation = self._onboarding.cancel_project(client_id, idempotency_key)
        if compensation.status is CompensationStatus.COMPENSATED:
            self._reconcile(client_id)
        return compensation

    def add_project_note(self, client_id: ClientId, note: str, idempotency_key: str) -> ClientProject:
        self._reconcile(client_id)
        project = self._onboarding.add_project_note(client_id, note, idempotency_key)
        self._reconcile(client_id)
        return project

    def _reconcile(self, client_id: str) -> None:
        """Take in what legacy writers left in the row, then write the row from the project."""
        expected = self._onboarding.legacy_view_expectation(client_id)  # ClientNotFound for an unknown client
        seen = read_legacy_view(client_id)
        if seen is not None and _holds(seen, expected.project):
            # the row shows what onboarding last wrote: nothing to take in (legacy_writes finds
            # none) and the sync would write the same two values; only the mark may be missing
            if not expected.view_written:
                self._onboarding.legacy_view_written(client_id, expected.version)
            return
        if seen is not None:
            writes = legacy_writes(seen, expected)
            for write in writes:
                self._onboarding.absorb_legacy_write(client_id, write)
            if writes:
                expected = self._onboarding.legacy_view_expectation(client_id)
        sync_legacy_view(expected.project, seen)
        if not expected.view_written:
            # from now on a value from before this version in the view is a legacy write, not a lost sync
            self._onboarding.legacy_view_written(client_id, expected.version)
