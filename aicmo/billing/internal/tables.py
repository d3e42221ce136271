"""Billing's own tables, on billing's own declarative Base, each registered as owned by billing.

The invoices live here; legacy's billing_invoices (main schema) is only their legacy view, kept
by acl/billing/legacy_view_sync.py. Amounts are kept as their exact decimal text: SQLite has
no decimal type, and a float column would bring back the binary rounding Q-14 describes. No
foreign key leaves the module: the client is referenced by id only.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from aicmo.shared.persistence.inbox import InboxRow
from aicmo.shared.persistence.keyed_answers import KeyedAnswerRow
from aicmo.shared.persistence.metadata import owner_metadata
from aicmo.shared.persistence.outbox import OutboxRow
from aicmo.shared.persistence.ownership import register_table
from aicmo.shared.persistence.types import UtcDateTime

__all__ = ["BillingBase", "BillingCommandRow", "BillingInboxRow", "BillingInvoiceRecordRow", "BillingOutboxRow"]

# literal calls, so the static ownership check sees the owner without importing this file
register_table("billing_invoice_records", "billing")
register_table("billing_commands", "billing")
register_table("billing_outbox", "billing")
register_table("billing_inbox", "billing")


class BillingBase(DeclarativeBase):
    """The metadata of billing's tables only, in the `billing` schema; never the legacy Base."""

    metadata = owner_metadata("billing")


class BillingInvoiceRecordRow(BillingBase):
    """One invoice (L-26..L-28): its lines as JSON, its amounts as exact decimal text."""

    __tablename__ = "billing_invoice_records"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(40))
    # [[description, amount text], ...] in the invoice's order
    lines: Mapped[str] = mapped_column(Text)
    currency: Mapped[str] = mapped_column(String(3))
    subtotal: Mapped[str] = mapped_column(String(40))
    tax_rate: Mapped[str] = mapped_column(String(40))
    tax: Mapped[str] = mapped_column(String(40))
    total: Mapped[str] = mapped_column(String(40))
    amount_paid: Mapped[str] = mapped_column(String(40))
    outstanding: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    issue_date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    paid_at: Mapped[Optional[datetime]] = mapped_column(UtcDateTime, nullable=True)
    # the state before the last change (JSON: status, amount paid, outstanding, paid at), and how
    # many changes there were: the legacy view still holding the earlier state is a sync lost in
    # a crash, any other state a legacy writer's
    state_before: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    changes: Mapped[int] = mapped_column(Integer)


class BillingCommandRow(KeyedAnswerRow, BillingBase):
    """A keyed command's answer, kept for its replays: the same key and request answer the same."""

    __tablename__ = "billing_commands"


class BillingOutboxRow(OutboxRow, BillingBase):
    """An integration event billing raised, written in the transaction that caused it."""

    __tablename__ = "billing_outbox"


class BillingInboxRow(InboxRow, BillingBase):
    """A legacy write billing absorbed (an invoice another module's legacy code inserted): each taken once."""

    __tablename__ = "billing_inbox"
