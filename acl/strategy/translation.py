"""Strategy translation: legacy StrategyDoc and the project row <-> Strategy DTOs.

Legacy keeps one plan per project row, so the strategy id is the project row's id.
"""
from __future__ import annotations

import json
from typing import Optional

from pydantic import ValidationError

from acl._support.errors import TranslationError
from acl._support.translate import aware, build, legacy_value
from aicmo.domain import StrategyDoc
from aicmo.onboarding.api import ClientBrief
from aicmo.strategy.api import Strategy, StrategyDecision, StrategyDocument, StrategyId
from backend.db.models import CampaignRow

__all__ = ["document_from_legacy", "document_to_legacy", "strategy_from_row", "strategy_id_for"]


def strategy_id_for(client_id: str) -> StrategyId:
    return StrategyId(str(client_id))


def document_to_legacy(document: StrategyDocument) -> StrategyDoc:
    return build(StrategyDoc, legacy_value(document), "strategy document")


def document_from_legacy(doc: StrategyDoc) -> StrategyDocument:
    return build(StrategyDocument, doc.model_dump(mode="json"), "legacy strategy")


def stored_document(row: CampaignRow) -> StrategyDoc:
    """Legacy's plan as the row stores it: parsed and validated by pydantic in one pass over the JSON.

    Only data that does not fit takes the long way, which names what is wrong: text that is no
    JSON the column, anything else the plan's field.
    """
    text = row.strategy_text or ""
    try:
        return StrategyDoc.model_validate_json(text)
    except ValidationError:
        pass
    try:
        raw = json.loads(text)
    except ValueError:
        raise TranslationError(f"cam_campaigns {row.id}: field 'strategy_text' is not JSON", field="strategy_text") from None
    return build(StrategyDoc, raw, "cam_campaigns.strategy_text")


def strategy_from_row(
    row: CampaignRow, brief: ClientBrief, decisions: tuple[StrategyDecision, ...] = (), errors: Optional[list[str]] = None
) -> Strategy:
    doc = stored_document(row)
    return build(
        Strategy,
        {
            "strategy_id": strategy_id_for(row.id),
            "client_id": row.id,
            "brief": brief,
            # validated with the strategy, in one pass: legacy's plan as plain python values
            "document": doc.model_dump(),
            "validation_errors": doc.validation_errors() if errors is None else errors,
            "status": row.strategy_status,
            "decisions": decisions,
            # legacy keeps no drafting time: the project's creation stands in for it
            "created_at": aware(row.created_at),
        },
        "cam_campaigns (strategy)",
    )
