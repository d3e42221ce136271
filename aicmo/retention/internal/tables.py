"""Retention's own tables, on retention's own declarative Base, each registered as owned by retention.

The assessments live here; legacy's retention_assessments (main schema) is only their legacy
view, kept by acl/retention/legacy_view_sync.py. On SQLite both sit in one file, hence the
other name. The score is kept as its exact float text and the factors and offers as the JSON
legacy's row holds, so the view is written bit for bit. No foreign key leaves the module: the
client is referenced by id only.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from aicmo.shared.persistence.keyed_answers import KeyedAnswerRow
from aicmo.shared.persistence.metadata import owner_metadata
from aicmo.shared.persistence.outbox import OutboxRow
from aicmo.shared.persistence.ownership import register_table
from aicmo.shared.persistence.types import UtcDateTime

__all__ = ["RetentionAssessmentRecordRow", "RetentionBase", "RetentionCommandRow", "RetentionOutboxRow"]

# literal calls, so the static ownership check sees the owner without importing this file
register_table("retention_assessment_records", "retention")
register_table("retention_commands", "retention")
register_table("retention_outbox", "retention")


class RetentionBase(DeclarativeBase):
    """The metadata of retention's tables only, in the `retention` schema; never the legacy Base."""

    metadata = owner_metadata("retention")


class RetentionAssessmentRecordRow(RetentionBase):
    """One assessment (L-29..L-31), with the engagement gap it was computed from."""

    __tablename__ = "retention_assessment_records"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    days_since_engagement: Mapped[int] = mapped_column(Integer)
    # the unrounded sum as its repr, which reads back to the same bits: one text column on every backend, as billing's amounts
    risk_score: Mapped[str] = mapped_column(String(40))
    risk_level: Mapped[str] = mapped_column(String(10))
    lifecycle_stage: Mapped[str] = mapped_column(String(20))
    factors_json: Mapped[str] = mapped_column(Text)
    upsell_json: Mapped[str] = mapped_column(Text)
    assessed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RetentionCommandRow(KeyedAnswerRow, RetentionBase):
    """A keyed command's answer, kept for its replays: the same key and request answer the same."""

    __tablename__ = "retention_commands"


class RetentionOutboxRow(OutboxRow, RetentionBase):
    """An integration event retention raised, written in the transaction that caused it."""

    __tablename__ = "retention_outbox"
