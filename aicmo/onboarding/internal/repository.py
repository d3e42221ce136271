"""Projects and their changes in onboarding's tables; the unit of work commits."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import attrs
from sqlalchemy import select

from aicmo.onboarding.api import ClientIntake, Pack, ProjectState
from aicmo.onboarding.internal.project import Project, ProjectChange
from aicmo.onboarding.internal.tables import ProjectChangeRow, ProjectRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["KeyedChange", "KeyedProject", "ProjectRepository"]


@attrs.frozen
class KeyedProject:
    """The project a key created, as it was created, with the fingerprint of that request."""

    project: Project
    request_fingerprint: str
    ids_drawn: Optional[int]


@attrs.frozen
class KeyedChange:
    """The change a key made, with the fingerprint of that request."""

    client_id: str
    change: ProjectChange
    request_fingerprint: str
    ids_drawn: Optional[int]


def _change(row: ProjectChangeRow) -> ProjectChange:
    return ProjectChange(
        version=row.version, kind=row.kind,
        state_before=ProjectState(row.state_before), state_after=ProjectState(row.state_after),
        description_before=row.description_before, description_after=row.description_after,
        changed_at=row.changed_at,
    )


class ProjectRepository:
    def __init__(self, session: Session) -> None:
        self._session = session
        # The session's identity map holds rows weakly: a row read, turned into a Project and
        # dropped is gone, and the next get() of it in the same unit of work (view_version after
        # get, save after a change) would query again. Held here for the unit of work's life,
        # a second get() is answered from the map; a locking get() still queries and locks.
        self._held: dict[str, ProjectRow] = {}

    def _row(self, client_id: str, *, for_update: bool = False) -> Optional[ProjectRow]:
        row = self._session.get(ProjectRow, str(client_id), with_for_update=for_update or None)
        if row is not None:
            self._held[row.client_id] = row
        return row

    def add(self, project: Project, idempotency_key: str, request_fingerprint: str, ids_drawn: Optional[int]) -> None:
        self._held[project.client_id] = row = ProjectRow(
            client_id=project.client_id, name=project.name, description=project.description,
            state=project.state.value, pack=project.pack.value, intake=project.intake.model_dump_json(),
            created_at=project.created_at, updated_at=project.updated_at, version=project.version, view_version=-1,
            strategy_status_seen=project.strategy_status_seen, idempotency_key=idempotency_key,
            request_fingerprint=request_fingerprint, ids_drawn=ids_drawn,
        )
        self._session.add(row)
        self._session.flush()

    def get(self, client_id: str, *, for_update: bool = False) -> Optional[Project]:
        """The project; locked for the transaction with ``for_update`` (PostgreSQL), so changes queue."""
        row = self._row(client_id, for_update=for_update)
        return self._project(row) if row is not None else None

    def save(self, project: Project, change: ProjectChange, idempotency_key: Optional[str] = None,
             request_fingerprint: Optional[str] = None, ids_drawn: Optional[int] = None) -> None:
        """The project as it stands after ``change``, and the change itself."""
        row = self._row(project.client_id)
        assert row is not None, "save() of a project never added"
        row.state, row.description = project.state.value, project.description
        row.version, row.strategy_status_seen = project.version, project.strategy_status_seen
        self._session.add(ProjectChangeRow(
            client_id=project.client_id, version=change.version, kind=change.kind,
            state_before=change.state_before.value, state_after=change.state_after.value,
            description_before=change.description_before, description_after=change.description_after,
            changed_at=change.changed_at, idempotency_key=idempotency_key, request_fingerprint=request_fingerprint,
            ids_drawn=ids_drawn,
        ))
        self._session.flush()

    def view_version(self, client_id: str) -> int:
        row = self._row(client_id)
        assert row is not None, "view_version() of a project never added"
        return row.view_version

    def view_written(self, client_id: str, version: int) -> None:
        """The legacy view holds the project as of change ``version`` (never moved back)."""
        row = self._row(client_id, for_update=True)
        if row is not None and row.view_version < version:
            row.view_version = version
            self._session.flush()

    def last_change(self, client_id: str) -> Optional[ProjectChange]:
        query = select(ProjectChangeRow).where(ProjectChangeRow.client_id == str(client_id))
        row = self._session.scalars(query.order_by(ProjectChangeRow.version.desc()).limit(1)).first()
        return _change(row) if row is not None else None

    def created_by(self, idempotency_key: str) -> Optional[KeyedProject]:
        row = self._session.scalars(select(ProjectRow).where(ProjectRow.idempotency_key == idempotency_key)).first()
        if row is None:
            return None
        project = self._project(row)
        first = self._session.scalars(select(ProjectChangeRow).where(
            ProjectChangeRow.client_id == row.client_id, ProjectChangeRow.version == 1)).first()
        if first is not None:  # the project as the key created it, before any change
            project = attrs.evolve(project, state=ProjectState(first.state_before),
                                   description=first.description_before, version=0)
        return KeyedProject(project, row.request_fingerprint, row.ids_drawn)

    def changed_by(self, kind: str, idempotency_key: str) -> Optional[KeyedChange]:
        query = select(ProjectChangeRow).where(ProjectChangeRow.kind == kind,
                                               ProjectChangeRow.idempotency_key == idempotency_key)
        row = self._session.scalars(query).first()
        if row is None:
            return None
        return KeyedChange(row.client_id, _change(row), row.request_fingerprint or "", row.ids_drawn)

    @staticmethod
    def _project(row: ProjectRow) -> Project:
        return Project(
            client_id=row.client_id, name=row.name, description=row.description, state=ProjectState(row.state),
            pack=Pack(row.pack), intake=ClientIntake.model_validate_json(row.intake), created_at=row.created_at,
            updated_at=row.updated_at, version=row.version, strategy_status_seen=row.strategy_status_seen,
        )
