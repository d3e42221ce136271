"""The legacy project row of a client: every adapter that needs it loads and reads it the same way.

The row is onboarding's legacy view (cam_campaigns, kind "project"); the legacy code of
strategy, delivery and the others reads it while onboarding is on either path, so reading it
stays here, apart from onboarding's adapter, which goes with onboarding's legacy code.
"""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple, Optional, Union

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


class _ProjectColumns(NamedTuple):
    """The columns of a project row the translation reads, by their row names: all it depends on."""

    id: str
    name: str
    description: str
    project_state: str
    service_key: str
    intake_json: Optional[str]
    created_at: Optional[dt.datetime]
    updated_at: Optional[dt.datetime]


def project_from_row(row: CampaignRow) -> ClientProject:
    """The project row as a ClientProject; its intake JSON gives the intake and the brief.

    Every adapter reads a project this way, a dozen times a journey, mostly of a row that did not
    change since the last read. The translation depends on the translated columns alone, so it is
    kept per their values: a changed column is another key, a row that does not translate raises
    every time and is never kept, and the DTO is frozen, so one answer serves every caller.
    """
    columns = _ProjectColumns(row.id, row.name, row.description, row.project_state, row.service_key,
                              row.intake_json, row.created_at, row.updated_at)
    # an equal instant in another offset is an equal datetime but another translation: the
    # offsets are part of the key
    return _translated(columns, _offset(columns.created_at), _offset(columns.updated_at))


def _offset(moment: Optional[dt.datetime]) -> Optional[dt.timedelta]:
    return None if moment is None else moment.utcoffset()


@lru_cache(maxsize=256)
def _translated(columns: _ProjectColumns, _created_offset: Any, _updated_offset: Any) -> ClientProject:
    """The intake JSON validated straight from its text and the project once, the intake and brief
    nested as plain data. Data that does not translate takes the step-by-step path, which names
    the field the way it always has."""
    try:
        legacy_intake = LegacyIntake.model_validate_json(columns.intake_json or "{}")
        return ClientProject.model_validate({
            "client_id": columns.id,
            "name": columns.name,
            "description": columns.description,
            "state": columns.project_state,
            "pack": columns.service_key,
            "intake": legacy_intake.model_dump(mode="json"),
            "brief": legacy_intake.to_brief(),
            "created_at": aware(columns.created_at),
            "updated_at": aware(columns.updated_at),
        })
    except ValidationError:
        return _project_step_by_step(columns)


def _project_step_by_step(row: Union[CampaignRow, _ProjectColumns]) -> ClientProject:
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
