"""L-08: approving or rejecting a strategy, written exactly as the legacy operator flow writes it.

Legacy keeps these two writes in `aicmo/operator_services.py` (`approve_strategy`,
`reject_strategy`), a file that imports every module's legacy code when it loads. An adapter
importing it could not outlive the deletion of any other module's legacy code, so strategy's
adapter makes the same writes here, field for field and stamp for stamp (Q-04: the project
state is left alone). tests/unit/acl/test_strategy_approval.py runs both on the same rows for
as long as the operator flow exists. This goes when strategy moves to its new implementation.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.orm import Session

from backend.db.models import CampaignRow

__all__ = ["approve", "reject"]


def _campaign(session: Session, campaign_id: str) -> CampaignRow:
    campaign = session.get(CampaignRow, campaign_id)
    if campaign is None:
        raise LookupError(f"campaign {campaign_id} not found")
    return campaign


def approve(session: Session, campaign_id: str) -> CampaignRow:
    """APPROVED, and the approval instant stamped at the end of the description."""
    campaign = _campaign(session, campaign_id)
    campaign.strategy_status = "APPROVED"
    campaign.description = f"{campaign.description} [Approved: {datetime.now(timezone.utc).isoformat()}]"
    session.flush()
    return campaign


def reject(session: Session, campaign_id: str, reason: str) -> CampaignRow:
    """REJECTED, and the reason stamped at the end of the description."""
    campaign = _campaign(session, campaign_id)
    campaign.strategy_status = "REJECTED"
    campaign.description = f"{campaign.description} [Rejected: {reason}]"
    session.flush()
    return campaign
