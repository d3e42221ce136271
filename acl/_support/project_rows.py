"""The legacy project row of a client: every adapter that needs it loads and reads it the same way.

The row is onboarding's legacy view (cam_campaigns, kind "project"); the legacy code of
strategy, delivery and the others reads it while onboarding is on either path, so reading it
stays here, apart from onboarding's adapter, which goes with onboarding's legacy code.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from acl._support.errors import TranslationError
from acl._support.row_reads import row_by_id
from acl._support.translate import aware, build, legacy_value
from aicmo.domain import ClientIntake as LegacyIntake
from aicmo.onboarding.api import ClientBrief, ClientIntake, ClientNotFound, ClientProject
from backend.db.models import CampaignRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["brief_from_legacy", "intake_from_legacy", "intake_to_legacy", "project_from_row", "project_row"]


def project_row(session: Session, client_id: str) -> CampaignRow:
    """The client's cam_campaigns row (kind "project"); ClientNotFound otherwise."""
    row = row_by_id(session, CampaignRow, str(client_id))
    if row is None or row.kind != "project":
        raise ClientNotFound(f"client {client_id} not found", client_id=str(client_id))
    return row


def intake_to_legacy(intake: ClientIntake) -> LegacyIntake:
    return build(LegacyIntake, legacy_value(intake), "intake")


def intake_from_legacy(intake: LegacyIntake) -> ClientIntake:
    return build(ClientIntake, intake.model_dump(mode="json"), "legacy intake")


def brief_from_legacy(brief: dict[str, Any]) -> ClientBrief:
    return build(ClientBrief, brief, "legacy brief")


def project_from_row(row: CampaignRow) -> ClientProject:
    """The project row as a ClientProject; its intake JSON gives the intake and the brief.

    Every adapter reads a project this way, so it is the ACL's busiest translation: the intake
    JSON is validated straight from its text and the project once, the intake and brief nested
    as plain data. Data that does not translate takes the step-by-step path, which names the
    field the way it always has.
    """
    try:
        legacy_intake = LegacyIntake.model_validate_json(row.intake_json or "{}")
        return ClientProject.model_validate({
            "client_id": row.id,
            "name": row.name,
            "description": row.description,
            "state": row.project_state,
            "pack": row.service_key,
            "intake": legacy_intake.model_dump(mode="json"),
            "brief": legacy_intake.to_brief(),
            "created_at": aware(row.created_at),
            "updated_at": aware(row.updated_at),
        })
    except ValidationError:
        return _project_step_by_step(row)


def _project_step_by_step(row: CampaignRow) -> ClientProject:
    """The same translation one model at a time: raises the TranslationError that names the bad field."""
    try:
        raw_intake = json.loads(row.intake_json or "{}")
    except ValueError:
        raw_intake = None
    if not isinstance(raw_intake, dict):
        raise TranslationError(f"cam_campaigns {row.id}: field 'intake_json' is not a JSON object", field="intake_json")
    legacy_intake = build(LegacyIntake, raw_intake, "cam_campaigns.intake_json")
    return build(
        ClientProject,
        {
            "client_id": row.id,
            "name": row.name,
            "description": row.description,
            "state": row.project_state,
            "pack": row.service_key,
            "intake": intake_from_legacy(legacy_intake),
            "brief": brief_from_legacy(legacy_intake.to_brief()),
            "created_at": aware(row.created_at),
            "updated_at": aware(row.updated_at),
        },
        "cam_campaigns",
    )
