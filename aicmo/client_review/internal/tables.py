"""Client review's own tables, on its own declarative Base, each registered as owned by client_review.

The packages and where each creative stands in review live here; legacy's
creative_assets.review_* and the REJECTED project state (Q-10) are recorded by their owners,
production and onboarding, through their ports (aicmo/orchestration/client_review_effects.py). No foreign key leaves the module:
the client, the creative set, the QC result and the creatives are referenced by id only.
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from aicmo.shared.persistence.keyed_answers import KeyedAnswerRow
from aicmo.shared.persistence.metadata import owner_metadata
from aicmo.shared.persistence.outbox import OutboxRow
from aicmo.shared.persistence.ownership import register_table
from aicmo.shared.persistence.types import UtcDateTime

__all__ = [
    "ClientReviewBase",
    "ClientReviewCommandRow",
    "ClientReviewCreativeRow",
    "ClientReviewOutboxRow",
    "ClientReviewPackageRow",
]

# literal calls, so the static ownership check sees the owner without importing this file
register_table("client_review_packages", "client_review")
register_table("client_review_creatives", "client_review")
register_table("client_review_commands", "client_review")
register_table("client_review_outbox", "client_review")


class ClientReviewBase(DeclarativeBase):
    """The metadata of client review's tables only, in the `client_review` schema; never the legacy Base."""

    metadata = owner_metadata("client_review")


class ClientReviewPackageRow(ClientReviewBase):
    """One review package sent to a client (L-19), with the feedback recorded on it since it was (re)sent."""

    __tablename__ = "client_review_packages"

    # derived from the QC result the package was built from, as on legacy
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    creative_set_id: Mapped[str] = mapped_column(String(36))
    qc_result_id: Mapped[str] = mapped_column(String(36))
    # the creatives that passed QC, in position order: a JSON list of ids
    creative_ids: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(30))
    # the rounds recorded since the package was sent: a JSON list, oldest first
    rounds: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ClientReviewCreativeRow(ClientReviewBase):
    """Where one creative stands in review, over every package it was in (legacy kept it on the creative)."""

    __tablename__ = "client_review_creatives"

    creative_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    review_status: Mapped[Optional[str]] = mapped_column(String(30), nullable=True)
    review_notes: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    review_round: Mapped[int] = mapped_column(Integer)


class ClientReviewCommandRow(KeyedAnswerRow, ClientReviewBase):
    """A keyed command's answer, kept for its replays: the same key and request answer the same."""

    __tablename__ = "client_review_commands"


class ClientReviewOutboxRow(OutboxRow, ClientReviewBase):
    """An integration event client review raised, written in the transaction that caused it."""

    __tablename__ = "client_review_outbox"
