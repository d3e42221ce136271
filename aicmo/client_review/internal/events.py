"""The integration events client review raises, with ids derived from the command that raised them."""
from __future__ import annotations

from datetime import datetime

from aicmo.client_review.api import ChangesRequested, ReviewApproved, ReviewEscalated, ReviewOpened, ReviewRejected
from aicmo.client_review.internal.model import Package
from aicmo.shared.events import IntegrationEvent
from aicmo.shared.ids import CorrelationId, MessageId, derived_id

__all__ = ["feedback_events", "opened"]


def _common(event_type: str, package: Package, cause: str, at: datetime) -> dict:
    return {
        # one command (its key) raises one event of a type on a package, so the three name it
        "event_id": derived_id(MessageId, package.review_id, event_type, cause),
        "occurred_at": at,
        # the request carries no flow id; a client's journey is the flow, so its id stands in
        "correlation_id": CorrelationId(package.client_id),
        "review_id": package.review_id,
        "client_id": package.client_id,
    }


def opened(package: Package, cause: str) -> ReviewOpened:
    return ReviewOpened(**_common("ReviewOpened", package, cause, package.created_at), creative_ids=package.creative_ids)


def feedback_events(package: Package, cause: str) -> list[IntegrationEvent]:
    """What the package's last round raises: approved, changes requested (escalated at the second), rejected."""
    last = package.rounds[-1]
    at = last.recorded_at
    if last.decision == "approved":
        return [ReviewApproved(**_common("ReviewApproved", package, cause, at), rounds=len(package.rounds))]
    if last.decision == "rejected":
        return [ReviewRejected(**_common("ReviewRejected", package, cause, at))]
    events: list[IntegrationEvent] = [
        ChangesRequested(**_common("ChangesRequested", package, cause, at), round=last.round, changes=tuple(
            {"section": c.section, "change": c.change, "priority": c.priority} for c in last.changes)),
    ]
    if last.status == "escalated":
        events.append(ReviewEscalated(**_common("ReviewEscalated", package, cause, at)))
    return events
