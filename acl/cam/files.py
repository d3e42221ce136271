"""The input files of `aicmo acquire`, read by the legacy readers and translated to CAM DTOs.

The legacy reading is kept next to the DTOs because two things still need it: the legacy
operator flow (``--legacy-flow``), and the reproducible seed, which is derived from the input
exactly as legacy read it so the ids stay those of the legacy run.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from acl.cam.translation import campaign_from_legacy, profile_from_legacy
from aicmo.cam.api import AcquisitionCampaign, InboundReply, LeadProfile
from aicmo.domain import LeadSnapshot
from backend.services.cam.campaigns import load_campaign
from backend.services.cam.leads_io import (
    LeadFileError,
    read_leads_csv,
    read_replies_csv,
)

__all__ = ["AcquisitionInput", "AcquisitionInputError", "read_acquisition_input", "validate_campaign"]


class AcquisitionInputError(ValueError):
    """A leads or replies file the legacy reader refuses; the message names the file, row and column."""


@dataclass(frozen=True)
class AcquisitionInput:
    """The campaign, leads and replies of one acquisition run, as DTOs and as legacy read them."""

    campaign_data: Optional[dict[str, Any]]
    campaign: AcquisitionCampaign
    leads: tuple[LeadProfile, ...]
    replies: tuple[InboundReply, ...]
    legacy_leads: list[LeadSnapshot]
    legacy_replies: list[dict[str, Any]]

    def seed_material(self, batch: bool) -> dict[str, Any]:
        return {
            "campaign": self.campaign_data,
            "leads": [lead.model_dump(mode="json") for lead in self.legacy_leads],
            "replies": self.legacy_replies,
            "batch": batch,
        }


def validate_campaign(data: Optional[dict[str, Any]]) -> AcquisitionCampaign:
    """The campaign file's content (None: the bundled example); pydantic's ValidationError when invalid."""
    return campaign_from_legacy(load_campaign(data))


def read_acquisition_input(campaign_data: Optional[dict[str, Any]], leads_file: Path, replies_file: Optional[Path]) -> AcquisitionInput:
    campaign = validate_campaign(campaign_data)
    try:
        leads = read_leads_csv(leads_file)
        replies = read_replies_csv(replies_file) if replies_file else []
    except LeadFileError as exc:
        raise AcquisitionInputError(str(exc)) from None
    return AcquisitionInput(
        campaign_data=campaign_data,
        campaign=campaign,
        leads=tuple(profile_from_legacy(lead) for lead in leads),
        replies=tuple(InboundReply(email=r["email"], received_at=r["received_at"], body=r["body"]) for r in replies),
        legacy_leads=leads,
        legacy_replies=replies,
    )
