"""Production's own tables, on production's own declarative Base, each registered as owned by production.

The creatives live here; legacy's creative_assets is only their legacy view, kept by
acl/production/legacy_view_sync.py. No foreign key leaves the module: the client and the
strategy are referenced by id only.
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from aicmo.shared.persistence.inbox import InboxRow
from aicmo.shared.persistence.keyed_answers import KeyedAnswerRow
from aicmo.shared.persistence.metadata import owner_metadata
from aicmo.shared.persistence.outbox import OutboxRow
from aicmo.shared.persistence.ownership import register_table
from aicmo.shared.persistence.types import UtcDateTime

__all__ = [
    "ProductionBase",
    "ProductionCommandRow",
    "ProductionCreativeRow",
    "ProductionCreativeSetRow",
    "ProductionInboxRow",
    "ProductionOutboxRow",
]

# literal calls, so the static ownership check sees the owner without importing this file
register_table("production_creative_sets", "production")
register_table("production_creatives", "production")
register_table("production_commands", "production")
register_table("production_outbox", "production")
register_table("production_inbox", "production")


class ProductionBase(DeclarativeBase):
    """The metadata of production's tables only, in the `production` schema; never the legacy Base."""

    metadata = owner_metadata("production")


class ProductionCreativeSetRow(ProductionBase):
    """The creatives produced for one client's strategy; its id is the client's (as on legacy)."""

    __tablename__ = "production_creative_sets"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    strategy_id: Mapped[str] = mapped_column(String(36))
    # the brand of the strategy the set was produced from: what every later answer names
    brand_name: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ProductionCreativeRow(ProductionBase):
    """One creative (L-10..L-12) with its rewrites and status."""

    __tablename__ = "production_creatives"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    creative_set_id: Mapped[str] = mapped_column(ForeignKey("production.production_creative_sets.id"), index=True)
    # the order creatives were produced in: positions repeat when a set is produced twice
    ordinal: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    platform: Mapped[str] = mapped_column(String(20))
    format: Mapped[str] = mapped_column(String(20))
    pillar_index: Mapped[int] = mapped_column(Integer)
    pillar_name: Mapped[str] = mapped_column(String(255))
    hook: Mapped[str] = mapped_column(Text)
    caption: Mapped[str] = mapped_column(Text)
    cta: Mapped[str] = mapped_column(String(80))
    tone: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    revision: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # the status before the last change, and how many changes there were: the legacy view still
    # holding the earlier status is a sync lost in a crash, any other value a legacy writer's
    status_before: Mapped[Optional[str]] = mapped_column(String(20), nullable=True)
    status_changes: Mapped[int] = mapped_column(Integer)
    # the client's review of the creative, as client review records it
    review_status: Mapped[Optional[str]] = mapped_column(String(30), nullable=True)
    review_notes: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    review_round: Mapped[int] = mapped_column(Integer, server_default="0")


class ProductionCommandRow(KeyedAnswerRow, ProductionBase):
    """A keyed command's answer, kept for its replays: the same key and request answer the same."""

    __tablename__ = "production_commands"


class ProductionOutboxRow(OutboxRow, ProductionBase):
    """An integration event production raised, written in the transaction that caused it."""

    __tablename__ = "production_outbox"


class ProductionInboxRow(InboxRow, ProductionBase):
    """A legacy write production absorbed: each applied once, however often the view shows it."""

    __tablename__ = "production_inbox"
