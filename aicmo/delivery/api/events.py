"""Delivery's integration events."""
from __future__ import annotations

from aicmo.delivery.api.dtos import PackageId
from aicmo.production.api import CreativeId
from aicmo.shared.events import IntegrationEvent
from aicmo.shared.ids import ClientId

__all__ = ["DeliveryGateBypassed", "PackageDelivered"]


class PackageDelivered(IntegrationEvent):
    """A package was delivered to the client; billing issues the delivery invoice on it."""

    package_id: PackageId
    """The package."""
    client_id: ClientId
    """The client."""
    file_name: str
    """The archive's name."""
    delivered_creative_ids: tuple[CreativeId, ...]
    """The creatives delivered."""


class DeliveryGateBypassed(IntegrationEvent):
    """Delivery went ahead although the gate found problems (Q-11)."""

    package_id: PackageId
    """The package."""
    client_id: ClientId
    """The client."""
    problems: tuple[str, ...]
    """What the gate found."""
