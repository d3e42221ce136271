"""Production: creatives and calendar, stored as creative_assets rows (spec section 3)."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aicmo.domain import CalendarItem, CreativeVariant, StrategyDoc
from backend.db.models import CampaignRow, CreativeAssetRow
from backend.generators.calendar_generator import generate_calendar
from backend.generators.creative_generator import generate_creatives


def produce_creatives(
    session: Session, campaign: CampaignRow, brief: dict[str, Any], strategy: StrategyDoc
) -> list[CreativeAssetRow]:
    now = datetime.now(timezone.utc)
    rows = []
    for position, variant in enumerate(generate_creatives(brief, strategy)):
        row = CreativeAssetRow(
            id=str(uuid.uuid4()),
            campaign_id=campaign.id,
            position=position,
            status="DRAFT",
            revision=0,
            review_round=0,
            created_at=now,
            **variant.model_dump(),
        )
        session.add(row)
        rows.append(row)
    session.flush()
    return rows


def produce_calendar(pack: str, strategy: StrategyDoc) -> list[CalendarItem]:
    return generate_calendar(pack, strategy)


def creatives_for(session: Session, campaign_id: str) -> list[CreativeAssetRow]:
    stmt = (
        select(CreativeAssetRow)
        .where(CreativeAssetRow.campaign_id == campaign_id)
        .order_by(CreativeAssetRow.position)
    )
    return list(session.scalars(stmt))


def to_variant(row: CreativeAssetRow) -> CreativeVariant:
    return CreativeVariant(
        platform=row.platform,
        format=row.format,
        pillar_index=row.pillar_index,
        pillar_name=row.pillar_name,
        hook=row.hook,
        caption=row.caption,
        cta=row.cta,
        tone=row.tone,
    )
