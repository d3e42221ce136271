"""The integration events production raises, with ids derived from the command that raised them."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from aicmo.production.api import CreativesDelivered, CreativesProduced, CreativesRewritten
from aicmo.shared.ids import CorrelationId, MessageId, derived_id

__all__ = ["delivered", "produced", "rewritten"]


def _common(event_type: str, creative_set_id: str, client_id: str, cause: str, at: datetime) -> dict:
    return {
        # one command (its key) raises one event of a type on a set, so the three name it
        "event_id": derived_id(MessageId, creative_set_id, event_type, cause),
        "occurred_at": at,
        # the request carries no flow id; a client's journey is the flow, so its id stands in
        "correlation_id": CorrelationId(client_id),
        "creative_set_id": creative_set_id,
    }


def produced(creative_set_id: str, client_id: str, strategy_id: str, creative_ids: Sequence[str], cause: str,
             at: datetime) -> CreativesProduced:
    return CreativesProduced(**_common("CreativesProduced", creative_set_id, client_id, cause, at),
                             client_id=client_id, strategy_id=strategy_id, creative_ids=tuple(creative_ids))


def rewritten(creative_set_id: str, client_id: str, creative_ids: Sequence[str], cause: str, at: datetime) -> CreativesRewritten:
    return CreativesRewritten(**_common("CreativesRewritten", creative_set_id, client_id, cause, at),
                              creative_ids=tuple(creative_ids))


def delivered(creative_set_id: str, client_id: str, creative_ids: Sequence[str], cause: str, at: datetime) -> CreativesDelivered:
    return CreativesDelivered(**_common("CreativesDelivered", creative_set_id, client_id, cause, at),
                              creative_ids=tuple(creative_ids))
