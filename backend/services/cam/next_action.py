"""When to touch a lead next, and when to stop (L-40, Q-23)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Optional

import aicmo.domain  # noqa: F401 - legacy files all import the god module
from backend.db.models import LeadRow
from backend.services.cam.scoring import lead_tags

STOP_STATUSES = {"LOST", "QUALIFIED", "REPLIED"}
NO_REPLY_STOP = timedelta(days=30)


def _aware(moment: datetime) -> datetime:
    # SQLite hands DateTime(timezone=True) back naive; every stored time is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def next_action_at(lead: LeadRow, now: datetime) -> Optional[datetime]:
    if lead.status == "NEW":
        return now + timedelta(minutes=5)
    if lead.status == "ENRICHED":
        if lead.lead_score is None:
            return now + timedelta(hours=1)
        return now + timedelta(minutes=max(30, int(360 * (1 - lead.lead_score))))
    if lead.status == "CONTACTED":
        # only the exact tag attempt_2 waits a week; attempt_3 is back to 3 days.
        if "attempt_2" in lead_tags(lead):
            return now + timedelta(days=7)
        return now + timedelta(days=3)
    if lead.status == "REPLIED":
        return now + timedelta(days=1)
    return None


def should_stop(lead: LeadRow, now: datetime) -> bool:
    if lead.status in STOP_STATUSES or "do_not_contact" in lead_tags(lead):
        return True
    # By Q-22 last_replied_at is never written, so a lead that replied still times out here.
    if lead.first_contacted_at is not None and lead.last_replied_at is None:
        return now - _aware(lead.first_contacted_at) > NO_REPLY_STOP
    return False
