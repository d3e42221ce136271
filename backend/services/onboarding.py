"""Onboarding: a signed client's intake becomes a project row (spec section 1)."""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone

from sqlalchemy.orm import Session

from aicmo.domain import ClientIntake
from backend.db.models import CampaignRow


def create_client(session: Session, intake: ClientIntake) -> CampaignRow:
    """L-04: one cam_campaigns row named after the brand, in the non-canonical STRATEGY_DRAFT."""
    now = datetime.now(timezone.utc)
    campaign = CampaignRow(
        id=str(uuid.uuid4()),
        name=intake.brand_name or "Unknown",
        description=f"Client project for {intake.brand_name or 'Unknown'}",
        kind="project",
        intake_json=intake.model_dump_json(),
        strategy_status=None,
        project_state="STRATEGY_DRAFT",  # not a state of the canonical machine
        service_key=intake.pack,
        created_at=now,
        updated_at=now,
    )
    session.add(campaign)
    session.flush()
    return campaign


def load_intake(campaign: CampaignRow) -> ClientIntake:
    return ClientIntake.model_validate(json.loads(campaign.intake_json or "{}"))
