"""Delivery's own tables, on delivery's own declarative Base, each registered as owned by delivery.

The packages live here; legacy's delivery_packages is only their legacy view, kept by
acl/delivery/legacy_view_sync.py. No foreign key leaves the module: the client, the creative
set and the creatives are referenced by id only.
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from aicmo.shared.persistence.keyed_answers import KeyedAnswerRow
from aicmo.shared.persistence.metadata import owner_metadata
from aicmo.shared.persistence.outbox import OutboxRow
from aicmo.shared.persistence.ownership import register_table
from aicmo.shared.persistence.types import UtcDateTime

__all__ = ["DeliveryBase", "DeliveryCommandRow", "DeliveryOutboxRow", "DeliveryPackageRecordRow"]

# literal calls, so the static ownership check sees the owner without importing this file
register_table("delivery_package_records", "delivery")
register_table("delivery_commands", "delivery")
register_table("delivery_outbox", "delivery")


class DeliveryBase(DeclarativeBase):
    """The metadata of delivery's tables only, in the `delivery` schema; never the legacy Base."""

    metadata = owner_metadata("delivery")


class DeliveryPackageRecordRow(DeliveryBase):
    """One delivered package: where its zip is, what it holds, what the gate said."""

    __tablename__ = "delivery_package_records"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    creative_set_id: Mapped[str] = mapped_column(String(36))
    file_name: Mapped[str] = mapped_column(String(255))
    path: Mapped[str] = mapped_column(Text)
    # the manifest.json packed in the zip, as written there
    manifest_json: Mapped[str] = mapped_column(Text)
    gate_skipped: Mapped[bool] = mapped_column(Boolean)
    # JSON lists: the problems the gate found, the creatives packed (in archive order)
    gate_problems: Mapped[str] = mapped_column(Text)
    delivered_creative_ids: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # the idempotency key of the withdrawal that compensated it, if one did
    withdrawn_by: Mapped[Optional[str]] = mapped_column(String(200), nullable=True)


class DeliveryCommandRow(KeyedAnswerRow, DeliveryBase):
    """A keyed command's answer, kept for its replays: the same key and request answer the same."""

    __tablename__ = "delivery_commands"


class DeliveryOutboxRow(OutboxRow, DeliveryBase):
    """An integration event delivery raised, written in the transaction that caused it."""

    __tablename__ = "delivery_outbox"
