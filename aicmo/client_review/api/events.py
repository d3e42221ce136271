"""Client review's integration events."""
from __future__ import annotations

from aicmo.client_review.api.dtos import RequestedChange, ReviewId
from aicmo.production.api import CreativeId
from aicmo.shared.events import IntegrationEvent
from aicmo.shared.ids import ClientId

__all__ = ["ChangesRequested", "ReviewApproved", "ReviewEscalated", "ReviewOpened", "ReviewRejected"]


class ReviewOpened(IntegrationEvent):
    """A package was sent to the client."""

    review_id: ReviewId
    """The package."""
    client_id: ClientId
    """The client."""
    creative_ids: tuple[CreativeId, ...]
    """The creatives in it."""


class ReviewApproved(IntegrationEvent):
    """The client approved a package."""

    review_id: ReviewId
    """The package."""
    client_id: ClientId
    """The client."""
    rounds: int
    """Feedback rounds it took, this one included."""


class ChangesRequested(IntegrationEvent):
    """The client asked for changes."""

    review_id: ReviewId
    """The package."""
    client_id: ClientId
    """The client."""
    round: int
    """The change round."""
    changes: tuple[RequestedChange, ...]
    """What to change."""


class ReviewEscalated(IntegrationEvent):
    """A package reached the second change round and went to the account manager (L-20)."""

    review_id: ReviewId
    """The package."""
    client_id: ClientId
    """The client."""


class ReviewRejected(IntegrationEvent):
    """The client rejected a package."""

    review_id: ReviewId
    """The package."""
    client_id: ClientId
    """The client."""
