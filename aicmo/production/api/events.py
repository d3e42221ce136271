"""Production's integration events."""
from __future__ import annotations

from aicmo.production.api.dtos import CreativeId, CreativeSetId
from aicmo.shared.events import IntegrationEvent
from aicmo.shared.ids import ClientId
from aicmo.strategy.api import StrategyId

__all__ = ["CreativesDelivered", "CreativesProduced", "CreativesRewritten"]


class CreativesProduced(IntegrationEvent):
    """A strategy's creatives were produced."""

    creative_set_id: CreativeSetId
    """The new set."""
    client_id: ClientId
    """The client."""
    strategy_id: StrategyId
    """The strategy they serve."""
    creative_ids: tuple[CreativeId, ...]
    """The creatives, in position order."""


class CreativesRewritten(IntegrationEvent):
    """Captions of some creatives were rewritten after a failed QC."""

    creative_set_id: CreativeSetId
    """The set."""
    creative_ids: tuple[CreativeId, ...]
    """The rewritten creatives."""


class CreativesDelivered(IntegrationEvent):
    """Creatives were delivered to the client."""

    creative_set_id: CreativeSetId
    """The set."""
    creative_ids: tuple[CreativeId, ...]
    """The delivered creatives."""
