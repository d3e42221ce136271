"""CAM's contract errors."""
from __future__ import annotations

from aicmo.shared.errors import NotFound

__all__ = ["CampaignNotFound", "LeadNotFound", "ReplyNotFound"]


class CampaignNotFound(NotFound):
    """No acquisition campaign with that id."""

    code = "campaign_not_found"


class LeadNotFound(NotFound):
    """No lead with that id."""

    code = "lead_not_found"


class ReplyNotFound(NotFound):
    """No processed reply with that id."""

    code = "reply_not_found"
