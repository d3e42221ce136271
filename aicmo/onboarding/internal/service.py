"""The onboarding port, implemented on onboarding's own tables (the new path of the onboarding route)."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, Mapping, Optional

from sqlalchemy.exc import IntegrityError

from aicmo.onboarding.api import (
    ClientBrief,
    ClientIntake,
    ClientNotFound,
    ClientProject,
    IntakeCompleteness,
    ProjectState,
)
from aicmo.onboarding.internal.events import onboarded_events, state_changed
from aicmo.onboarding.internal.intake_rules import brief_of, completeness_of, intake_from_request
from aicmo.onboarding.internal.legacy_view import LEGACY_VIEW_SUBSCRIBER, LegacyWrite, ViewColumn, ViewExpectation
from aicmo.onboarding.internal.project import ChangeKind, Project, ProjectChange
from aicmo.onboarding.internal.repository import KeyedChange
from aicmo.onboarding.internal.translation import project_dto
from aicmo.onboarding.internal.unit_of_work import OnboardingUnitOfWork
from aicmo.shared.clock import Clock
from aicmo.shared.compensation import Compensation, CompensationStatus
from aicmo.shared.persistence.conflicts import is_unique_violation
from aicmo.shared.persistence.idempotency import request_fingerprint, value_fingerprint
from aicmo.shared.persistence.keyed_answers import accept_replay
from aicmo.shared.seeded_uuid import ids_drawn

__all__ = ["OnboardingService"]

# the changes a command made (not taken in from the view): their sync to the view can be lost in a crash
_COMMANDS = (ChangeKind.ADVANCE, ChangeKind.NOTE, ChangeKind.SKIPPED_GATE_DELIVERY, ChangeKind.CLIENT_REJECTION,
             ChangeKind.CANCELLATION)


def _not_found(client_id: str) -> ClientNotFound:
    return ClientNotFound(f"client {client_id} not found", client_id=str(client_id))


class OnboardingService:
    """OnboardingPort over onboarding's unit of work; plus what its legacy view needs (legacy_view.py)."""

    def __init__(self, unit_of_work: Callable[[], OnboardingUnitOfWork], clock: Clock) -> None:
        self._unit_of_work, self._clock = unit_of_work, clock

    def read_intake_request(self, request: Mapping[str, Any]) -> ClientIntake:
        return intake_from_request(request)

    def build_brief(self, intake: ClientIntake) -> ClientBrief:
        return brief_of(intake)

    def check_intake(self, intake: ClientIntake) -> IntakeCompleteness:
        return completeness_of(intake)

    def onboard_client(self, intake: ClientIntake, idempotency_key: str) -> ClientProject:
        fingerprint = request_fingerprint(intake)
        try:
            with self._unit_of_work().for_writing() as uow:
                earlier = self._created_by(uow, idempotency_key, fingerprint)
                if earlier is not None:
                    return earlier
                # one draw, where legacy's create_client draws it: reproducible runs mint the same id
                project = Project.onboarded(str(uuid.uuid4()), intake, self._clock.now())
                uow.projects.add(project, idempotency_key, fingerprint, ids_drawn())
                for event in onboarded_events(project):
                    uow.outbox.append(event)
                uow.commit()
        except IntegrityError as exc:
            # the same key committed by another caller between our look and our insert: theirs stands
            if not is_unique_violation(exc):
                raise
            with self._unit_of_work() as uow:
                earlier = self._created_by(uow, idempotency_key, fingerprint)
            if earlier is None:
                raise
            return earlier
        return project_dto(project)

    @staticmethod
    def _created_by(uow: OnboardingUnitOfWork, idempotency_key: str, fingerprint: str) -> Optional[ClientProject]:
        earlier = uow.projects.created_by(idempotency_key)
        if earlier is None:
            return None
        # another intake under the key conflicts; the same one goes on after the ids its first call drew
        accept_replay("onboard_client", idempotency_key, fingerprint, earlier.request_fingerprint, earlier.ids_drawn)
        return project_dto(earlier.project)

    def get_project(self, client_id: str) -> ClientProject:
        with self._unit_of_work() as uow:
            project = uow.projects.get(str(client_id))
        if project is None:
            raise _not_found(client_id)
        return project_dto(project)

    def advance_project(self, client_id: str, target: ProjectState, idempotency_key: str) -> ClientProject:
        target = ProjectState(target)
        return self._change(ChangeKind.ADVANCE, "advance_project", client_id, (str(client_id), target.value),
                            idempotency_key, lambda project, now: project.advance(target, now))

    def record_skipped_gate_delivery(self, client_id: str, idempotency_key: str) -> ClientProject:
        # a state set outside the canonical machine; not in QC_FAILED: nothing to record, as legacy's
        # packager writes nothing
        return self._change(ChangeKind.SKIPPED_GATE_DELIVERY, "record_skipped_gate_delivery", client_id, str(client_id),
                            idempotency_key, lambda project, now: project.deliver_past_skipped_gate(now))

    def record_client_rejection(self, client_id: str, idempotency_key: str) -> ClientProject:
        # a state set outside the canonical machine; already REJECTED: nothing to record, as legacy's
        # review leaves the row alone
        return self._change(ChangeKind.CLIENT_REJECTION, "record_client_rejection", client_id, str(client_id),
                            idempotency_key, lambda project, now: project.reject_by_client(now))

    def cancel_project(self, client_id: str, idempotency_key: str) -> Compensation:
        """The project CANCELLED, as legacy's compensation writes it; an unknown client or a cancelled project: nothing recorded."""
        target, method = str(client_id), "cancel_project"
        fingerprint = value_fingerprint(target)
        with self._unit_of_work().for_writing() as uow:
            earlier = uow.projects.changed_by(ChangeKind.CANCELLATION, idempotency_key)
            if earlier is not None:
                accept_replay(method, idempotency_key, fingerprint, earlier.request_fingerprint, earlier.ids_drawn)
                return Compensation(action=method, target_id=target, status=CompensationStatus.COMPENSATED, undone=(target,))
            project = uow.projects.get(target, for_update=True)
            if project is None:
                return Compensation(action=method, target_id=target, status=CompensationStatus.NOTHING_TO_COMPENSATE)
            now = self._clock.now()
            change = project.cancel(now)
            if change is None:
                return Compensation(action=method, target_id=target, status=CompensationStatus.ALREADY_COMPENSATED)
            uow.projects.save(project, change, idempotency_key, fingerprint, ids_drawn())
            uow.outbox.append(state_changed(project, change.state_before, now))
            uow.commit()
        return Compensation(action=method, target_id=target, status=CompensationStatus.COMPENSATED, undone=(target,))

    def add_project_note(self, client_id: str, note: str, idempotency_key: str) -> ClientProject:
        return self._change(ChangeKind.NOTE, "add_project_note", client_id, (str(client_id), note),
                            idempotency_key, lambda project, now: project.add_note(note, now))

    def _change(self, kind: str, method: str, client_id: str, request: Any, idempotency_key: str,
                apply: Callable[[Project, datetime], Optional[ProjectChange]]) -> ClientProject:
        """One keyed change of the project; None from ``apply``: nothing to change, nothing recorded."""
        fingerprint = value_fingerprint(request)
        with self._unit_of_work().for_writing() as uow:
            earlier = uow.projects.changed_by(kind, idempotency_key)
            if earlier is not None:
                return self._replayed(uow, method, idempotency_key, fingerprint, earlier)
            project = uow.projects.get(str(client_id), for_update=True)
            if project is None:
                raise _not_found(client_id)
            now = self._clock.now()
            change = apply(project, now)
            if change is None:
                return project_dto(project)
            uow.projects.save(project, change, idempotency_key, fingerprint, ids_drawn())
            if change.state_after is not change.state_before:
                uow.outbox.append(state_changed(project, change.state_before, now))
            uow.commit()
        return project_dto(project)

    @staticmethod
    def _replayed(uow: OnboardingUnitOfWork, method: str, idempotency_key: str, fingerprint: str,
                  earlier: KeyedChange) -> ClientProject:
        # another request under the key conflicts; a continued reproducible run goes on after the ids
        # the first call had seen drawn
        accept_replay(method, idempotency_key, fingerprint, earlier.request_fingerprint, earlier.ids_drawn)
        project = uow.projects.get(earlier.client_id)
        assert project is not None, "a change of a project that is gone"
        # the answer the first call gave: the project as that change left it
        project.state, project.description = earlier.change.state_after, earlier.change.description_after
        return project_dto(project)

    # -- the legacy view (acl/onboarding/legacy_view_sync.py) --------------------------------

    def legacy_view_expectation(self, client_id: str) -> ViewExpectation:
        """The project the view should show, and what it showed before the last change."""
        with self._unit_of_work() as uow:
            project = uow.projects.get(str(client_id))
            if project is None:
                raise _not_found(client_id)
            view_version = uow.projects.view_version(project.client_id)  # the row just read: no query
            # the values before the last change matter only while the view is not known to hold
            # it; once it is (most calls), the change log is not read at all
            last = uow.projects.last_change(project.client_id) if view_version < project.version else None
        # only a command's sync can be lost, and only until the view is known to hold it: a value
        # taken in from the view was there already
        unsynced_command = (last is not None and last.kind in _COMMANDS
                            and view_version < project.version)
        return ViewExpectation(
            project=project_dto(project), version=project.version, view_written=view_version >= project.version,
            state_before=last.state_before if unsynced_command else None,
            description_before=last.description_before if unsynced_command else None,
        )

    def legacy_view_written(self, client_id: str, version: int) -> None:
        """The ACL wrote the legacy view from the project as of change ``version``."""
        with self._unit_of_work().for_writing() as uow:
            uow.projects.view_written(str(client_id), version)
            uow.commit()

    def absorb_legacy_write(self, client_id: str, write: LegacyWrite) -> None:
        """Take in a value a legacy writer left in the view, once, in onboarding's own transaction."""
        with self._unit_of_work().for_writing() as uow:
            now = self._clock.now()
            # the project first: a second caller taking in the same write waits here for the
            # first to commit, then finds its message in the inbox
            project = uow.projects.get(str(client_id), for_update=True)
            if project is None:
                raise _not_found(client_id)
            if uow.seen(LEGACY_VIEW_SUBSCRIBER, write.message_id(str(client_id)), now):
                return  # taken in already, by this caller or another
            if write.column == ViewColumn.PROJECT_STATE:
                change = project.record_state(ProjectState(write.value), now)
            elif write.value.startswith(f"{project.description} "):
                # a stamp appended (L-08 while strategy is on legacy): the project's note
                change = project.add_note(write.value[len(project.description) + 1:], now, ChangeKind.LEGACY_NOTE)
            else:
                change = project.record_description(write.value, now)
            uow.projects.save(project, change)
            if change.state_after is not change.state_before:
                uow.outbox.append(state_changed(project, change.state_before, now))
            uow.commit()
