"""The project as the ClientProject DTO of aicmo.onboarding.api."""
from __future__ import annotations

from aicmo.onboarding.api import ClientProject
from aicmo.onboarding.internal.intake_rules import brief_of
from aicmo.onboarding.internal.project import Project

__all__ = ["project_dto"]


def project_dto(project: Project) -> ClientProject:
    return ClientProject(
        client_id=project.client_id,
        name=project.name,
        description=project.description,
        state=project.state,
        pack=project.pack,
        intake=project.intake,
        brief=brief_of(project.intake),
        created_at=project.created_at,
        updated_at=project.updated_at,
    )
