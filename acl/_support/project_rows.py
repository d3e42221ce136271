"""The legacy project row of a client: every adapter that needs it loads it the same way."""
from __future__ import annotations

from typing import TYPE_CHECKING

from aicmo.onboarding.api import ClientNotFound
from backend.db.models import CampaignRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["project_row"]


def project_row(session: Session, client_id: str) -> CampaignRow:
    """The client's cam_campaigns row (kind "project"); ClientNotFound otherwise."""
    row = session.get(CampaignRow, str(client_id))
    if row is None or row.kind != "project":
        raise ClientNotFound(f"client {client_id} not found", client_id=str(client_id))
    return row
