"""What the legacy view needs of production: the creatives with their status history, and legacy's writes to absorb.

Frozen legacy code of other modules still writes creative_assets.status (delivery, Q-12:
DELIVERED on the creatives it packs). acl/production/legacy_view_sync.py compares the view
with `ViewState` and hands such a write to production as a `LegacyStatusWrite`, which
production applies in its own unit of work, once (its inbox), as if it had been asked.

A set legacy produced before production moved to its new path (a journey in flight when the
route changed) is handed over whole, as a `LegacySet`, the first time it is asked for.
"""
from __future__ import annotations

import attrs

from aicmo.production.internal.model import CreativeRecord
from aicmo.shared.ids import MessageId, derived_id

__all__ = ["LegacySet", "LegacyStatusWrite", "ViewState"]


@attrs.frozen
class ViewState:
    """A set's creatives as production holds them, for comparing with the legacy view."""

    creative_set_id: str
    client_id: str
    creatives: tuple[CreativeRecord, ...]


@attrs.frozen
class LegacyStatusWrite:
    """A status a legacy writer put on a creative's legacy row, seen after the creative's n-th status change."""

    creative_id: str
    status: str
    seen_after_change: int

    @property
    def message_id(self) -> MessageId:
        # the same write seen twice (two readers, a retry) is one message; the same status
        # written again after production changed the creative is another
        return derived_id(MessageId, "creative_assets.status", self.creative_id, self.seen_after_change, self.status)


@attrs.frozen
class LegacySet:
    """A creative set as legacy production left it in creative_assets, for production to adopt."""

    creative_set_id: str
    client_id: str
    strategy_id: str
    brand_name: str
    creatives: tuple[CreativeRecord, ...]

    @property
    def message_id(self) -> MessageId:
        return derived_id(MessageId, "creative_assets.adopted", self.creative_set_id)
