"""Acquisition campaigns: the campaign file's shape, the bundled example, and its row."""
from __future__ import annotations

import copy
import uuid
from datetime import datetime, timezone
from typing import Any, Literal, Optional

from pydantic import BaseModel, Field, field_validator
from sqlalchemy.orm import Session

import aicmo.domain  # noqa: F401 - legacy files all import the god module
from backend.db.models import CampaignRow

# Used by `aicmo acquire` when no campaign file is given.
EXAMPLE_CAMPAIGN: dict[str, Any] = {
    "name": "Example acquisition campaign",
    "mode": "SIMULATION",
    "channels": ["email"],
    "max_emails_per_day": 20,
    "targets": {
        "company_sizes": ["51-200", "201-1000"],
        "industries": ["software", "fintech"],
        "revenue_range": [1000000, 50000000],
        "countries": ["US", "UK"],
        "regions": ["North America", "Europe"],
        "target_roles": ["VP Marketing", "Head of Growth", "CMO"],
    },
    "competitor_domains": ["rivalcmo.com"],
    "block_free_mail": False,
}


class CampaignTargets(BaseModel):
    """Who the campaign is after; an empty list (or no range) means "no target" (factor 0.5)."""

    company_sizes: list[str] = []
    industries: list[str] = []
    revenue_range: Optional[tuple[float, float]] = None
    countries: list[str] = []
    regions: list[str] = []
    target_roles: list[str] = []


class AcquisitionCampaign(BaseModel):
    name: str
    mode: Literal["LIVE", "SIMULATION"] = "SIMULATION"
    channels: list[str] = ["email"]
    max_emails_per_day: int = 20
    targets: CampaignTargets = Field(default_factory=CampaignTargets)
    competitor_domains: list[str] = []
    block_free_mail: bool = False

    @field_validator("targets", mode="before")
    @classmethod
    def _no_targets_is_empty(cls, value: Any) -> Any:
        return {} if value is None else value


# the nightly batch re-score builds its campaign object without targets.
BATCH_CAMPAIGN = AcquisitionCampaign(name="batch-rescore")


def batch_campaign() -> AcquisitionCampaign:
    """The campaign object batch scoring uses: no targets at all (Q-16)."""
    return BATCH_CAMPAIGN.model_copy(deep=True)


def load_campaign(data: dict[str, Any] | None) -> AcquisitionCampaign:
    """Validate a campaign file's content; None gives the bundled example campaign."""
    if data is None:
        data = copy.deepcopy(EXAMPLE_CAMPAIGN)
    return AcquisitionCampaign.model_validate(data)


def create_campaign_row(session: Session, campaign: AcquisitionCampaign) -> CampaignRow:
    """The acquisition campaign lives in cam_campaigns next to the client projects."""
    row = CampaignRow(
        id=str(uuid.uuid4()),
        name=campaign.name,
        description=f"Acquisition campaign {campaign.name}",
        kind="acquisition",
        mode=campaign.mode,
        settings_json=campaign.model_dump_json(),
        created_at=datetime.now(timezone.utc),
    )
    session.add(row)
    session.flush()
    return row
