"""Billing's integration events."""
from __future__ import annotations

import datetime as dt

from aicmo.billing.api.dtos import InvoiceId, InvoiceStatus, Milestone
from aicmo.shared.events import IntegrationEvent
from aicmo.shared.ids import ClientId
from aicmo.shared.money import Money

__all__ = ["InvoiceIssued", "InvoicePaid", "PaymentRecorded", "ProposalIssued"]


class ProposalIssued(IntegrationEvent):
    """A proposal went to a client."""

    client_id: ClientId
    """The client."""
    total: Money
    """Its total."""


class InvoiceIssued(IntegrationEvent):
    """An invoice was issued or scheduled."""

    invoice_id: InvoiceId
    """The invoice."""
    client_id: ClientId
    """The client."""
    kind: Milestone
    """The milestone billed."""
    status: InvoiceStatus
    """sent or scheduled."""
    total: Money
    """Its total."""
    issue_date: dt.date
    """The issue date."""
    due_date: dt.date
    """The due date."""


class PaymentRecorded(IntegrationEvent):
    """A payment was applied to an invoice."""

    invoice_id: InvoiceId
    """The invoice."""
    client_id: ClientId
    """The client."""
    payment: Money
    """The amount paid."""
    outstanding: Money
    """What remains."""


class InvoicePaid(IntegrationEvent):
    """An invoice was paid in full."""

    invoice_id: InvoiceId
    """The invoice."""
    client_id: ClientId
    """The client."""
