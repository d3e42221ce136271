"""When to touch a lead next, and when to stop (L-40, Q-23)."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Optional, Sequence

__all__ = ["next_action_at", "should_stop"]

STOP_STATUSES = frozenset({"LOST", "QUALIFIED", "REPLIED"})
NO_REPLY_STOP = timedelta(days=30)


def next_action_at(status: str, lead_score: Optional[float], tags: Sequence[str], now: datetime) -> Optional[datetime]:
    if status == "NEW":
        return now + timedelta(minutes=5)
    if status == "ENRICHED":
        if lead_score is None:
            return now + timedelta(hours=1)
        return now + timedelta(minutes=max(30, int(360 * (1 - lead_score))))
    if status == "CONTACTED":
        # only the exact tag attempt_2 waits a week; attempt_3 is back to 3 days
        return now + timedelta(days=7 if "attempt_2" in tags else 3)
    if status == "REPLIED":
        return now + timedelta(days=1)
    return None


def should_stop(status: str, tags: Sequence[str], first_contacted_at: Optional[datetime],
                last_replied_at: Optional[datetime], now: datetime) -> bool:
    if status in STOP_STATUSES or "do_not_contact" in tags:
        return True
    # last_replied_at is never written, so a lead that replied still times out here
    if first_contacted_at is not None and last_replied_at is None:
        return now - first_contacted_at > NO_REPLY_STOP
    return False
