"""QC's own tables, on QC's own declarative Base, each registered as owned by qc (rule 5).

QC no longer writes production's creative_assets (Q-09); its results live here. No foreign
key leaves the module: the client, the set and the creatives are referenced by id only.
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from aicmo.shared.persistence.metadata import owner_metadata
from aicmo.shared.persistence.outbox import OutboxRow
from aicmo.shared.persistence.ownership import register_table
from aicmo.shared.persistence.types import UtcDateTime

__all__ = ["QcBase", "QcCreativeCheckRow", "QcOutboxRow", "QcResultRow"]

# literal calls, so the static ownership check sees the owner without importing this file
register_table("qc_results", "qc")
register_table("qc_creative_checks", "qc")
register_table("qc_outbox", "qc")


class QcBase(DeclarativeBase):
    """The metadata of QC's tables only, in the `qc` schema; never the legacy Base."""

    metadata = owner_metadata("qc")


class QcResultRow(QcBase):
    """One evaluation of a creative set: the verdict and the non-creative parts as JSON."""

    __tablename__ = "qc_results"
    __table_args__ = (UniqueConstraint("creative_set_id", "round_number"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    creative_set_id: Mapped[str] = mapped_column(String(36), index=True)
    # the set's n-th evaluation, from 0: part of the derived result id
    round_number: Mapped[int] = mapped_column(Integer)
    ruleset: Mapped[str] = mapped_column(String(10))
    verdict: Mapped[str] = mapped_column(String(20))
    duplicate_hook_share: Mapped[float] = mapped_column(Float)
    calendar_findings: Mapped[str] = mapped_column(Text)
    documents: Mapped[str] = mapped_column(Text)
    intake_findings: Mapped[str] = mapped_column(Text)
    evaluated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    # a repeat of the key with another request is a conflict, not a replay
    request_fingerprint: Mapped[str] = mapped_column(String(64))
    # set by void_result, the compensation of the evaluation: the row stays, so the round's
    # number is never given out again, but no reader is served it any more
    voided_at: Mapped[Optional[datetime]] = mapped_column(UtcDateTime, nullable=True)
    # the idempotency key of the voiding: its repeat answers as the first call did
    voided_by: Mapped[Optional[str]] = mapped_column(String(200), nullable=True)


class QcCreativeCheckRow(QcBase):
    """One creative's findings within one evaluation; score, status and pass follow from them."""

    __tablename__ = "qc_creative_checks"

    qc_result_id: Mapped[str] = mapped_column(ForeignKey("qc.qc_results.id"), primary_key=True)
    # the check's place in the result, which follows the request (positions could repeat)
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    creative_id: Mapped[str] = mapped_column(String(36))
    platform: Mapped[str] = mapped_column(String(20))
    pillar_index: Mapped[int] = mapped_column(Integer)
    findings: Mapped[str] = mapped_column(Text)


class QcOutboxRow(OutboxRow, QcBase):
    """An integration event QC raised, written in the transaction that caused it; the relay publishes it."""

    __tablename__ = "qc_outbox"
