"""cam's own tables, on cam's own declarative Base, each registered as owned by cam.

Legacy's cam_campaigns, cam_leads, cam_outreach_attempts and cam_replies (main schema, and on
SQLite the same file) are only the legacy view, kept by acl/cam/legacy_view_sync.py: these
names differ from them. A lead keeps its profile as the contract's JSON and its import
position, so a campaign lists its leads in import order on every database. A time legacy
reports in the caller's offset (a reply's received_at, a lead's next action, L-39/L-40) is kept
as ISO text, offset included; every other time is an instant in UTC.
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Boolean, Float, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from aicmo.shared.persistence.keyed_answers import KeyedAnswerRow
from aicmo.shared.persistence.metadata import owner_metadata
from aicmo.shared.persistence.outbox import OutboxRow
from aicmo.shared.persistence.ownership import register_table
from aicmo.shared.persistence.types import UtcDateTime

__all__ = [
    "CamAttemptRecordRow",
    "CamBase",
    "CamCampaignRecordRow",
    "CamCommandRow",
    "CamLeadRecordRow",
    "CamOutboxRow",
    "CamReplyRecordRow",
]

# literal calls, so the static ownership check sees the owner without importing this file
register_table("cam_campaign_records", "cam")
register_table("cam_lead_records", "cam")
register_table("cam_attempt_records", "cam")
register_table("cam_reply_records", "cam")
register_table("cam_commands", "cam")
register_table("cam_outbox", "cam")


class CamBase(DeclarativeBase):
    """The metadata of cam's tables only, in the `cam` schema; never the legacy Base."""

    metadata = owner_metadata("cam")


class CamCampaignRecordRow(CamBase):
    """An acquisition campaign: its settings as the contract's JSON."""

    __tablename__ = "cam_campaign_records"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    settings: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CamLeadRecordRow(CamBase):
    """A lead and everything the acquisition found out about it."""

    __tablename__ = "cam_lead_records"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    campaign_id: Mapped[str] = mapped_column(String(36), index=True)
    position: Mapped[int] = mapped_column(Integer)  # import order within the campaign, from 0
    email_key: Mapped[str] = mapped_column(String(255), index=True)  # the address stripped and lower-cased (L-39)
    profile: Mapped[str] = mapped_column(Text)
    icp_fit: Mapped[Optional[float]] = mapped_column(Float, nullable=True)
    opportunity: Mapped[Optional[float]] = mapped_column(Float, nullable=True)
    lead_score: Mapped[Optional[float]] = mapped_column(Float, nullable=True)
    tier: Mapped[Optional[str]] = mapped_column(String(10), nullable=True)
    tags: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    qualification_status: Mapped[Optional[str]] = mapped_column(String(20), nullable=True)
    rejection_reason: Mapped[Optional[str]] = mapped_column(String(40), nullable=True)
    intent_score: Mapped[Optional[float]] = mapped_column(Float, nullable=True)
    grade: Mapped[Optional[str]] = mapped_column(String(1), nullable=True)
    routing_sequence: Mapped[Optional[str]] = mapped_column(String(40), nullable=True)
    notes: Mapped[str] = mapped_column(Text)
    next_action_at: Mapped[Optional[str]] = mapped_column(String(40), nullable=True)  # ISO, the offset it was set in
    first_contacted_at: Mapped[Optional[datetime]] = mapped_column(UtcDateTime, nullable=True)
    last_contacted_at: Mapped[Optional[datetime]] = mapped_column(UtcDateTime, nullable=True)
    last_replied_at: Mapped[Optional[datetime]] = mapped_column(UtcDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CamAttemptRecordRow(CamBase):
    """One outreach attempt, sent or failed."""

    __tablename__ = "cam_attempt_records"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    lead_id: Mapped[str] = mapped_column(String(36), index=True)
    campaign_id: Mapped[str] = mapped_column(String(36), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    sequence_step: Mapped[int] = mapped_column(Integer)
    message_hash: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    simulated: Mapped[bool] = mapped_column(Boolean)
    error: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    attempted_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class CamReplyRecordRow(CamBase):
    """One processed inbound reply."""

    __tablename__ = "cam_reply_records"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    lead_id: Mapped[Optional[str]] = mapped_column(String(36), nullable=True, index=True)
    email: Mapped[str] = mapped_column(String(255))
    received_at: Mapped[str] = mapped_column(String(40))  # ISO, the offset it arrived in
    body: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(20))
    confidence: Mapped[float] = mapped_column(Float)
    processed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CamCommandRow(KeyedAnswerRow, CamBase):
    """A keyed command's answer, kept for its replays: the same key and request answer the same."""

    __tablename__ = "cam_commands"


class CamOutboxRow(OutboxRow, CamBase):
    """An integration event cam raised, written in the transaction that caused it."""

    __tablename__ = "cam_outbox"
