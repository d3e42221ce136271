"""Billing's data at the boundary: proposal, invoices, payments and billing status (spec §8)."""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Optional

from pydantic import AwareDatetime, Field, StringConstraints

from aicmo.delivery.api import Package
from aicmo.onboarding.api import ClientProject
from aicmo.shared.dto import ContractModel, NonEmptyStr
from aicmo.shared.ids import ClientId, EntityId
from aicmo.shared.money import Amount, CurrencyCode, Money, Ratio

__all__ = [
    "BillingRequest",
    "BillingStatus",
    "Invoice",
    "InvoiceId",
    "InvoiceLine",
    "InvoiceRequest",
    "InvoiceStatus",
    "Milestone",
    "PaymentMilestone",
    "PaymentRequest",
    "Proposal",
    "ProposalLine",
]

InvoiceNumber = Annotated[str, StringConstraints(pattern=r"^INV-[A-Z0-9-]+$")]


class InvoiceId(EntityId):
    """One invoice."""


class Milestone(str, Enum):
    """The payment milestones, paid 50/25/25 (L-26); each has one invoice."""

    SIGNING = "signing"
    DELIVERY = "delivery"
    FINAL = "final"


class InvoiceStatus(str, Enum):
    """An invoice's status: scheduled until its issue date, sent, paid (L-26, L-28)."""

    SCHEDULED = "scheduled"
    SENT = "sent"
    PAID = "paid"
    VOID = "void"
    """Cancelled by the journey's compensation (void_invoices): nothing outstanding, never paid."""


class ProposalLine(ContractModel):
    """One priced service of the proposal."""

    description: NonEmptyStr
    """The service."""
    amount: Amount
    """Its price."""


class PaymentMilestone(ContractModel):
    """When a share of the proposal is paid."""

    milestone: Milestone
    """The milestone."""
    share: Ratio
    """Its share of the total."""
    amount: Amount
    """The amount due."""


class Proposal(ContractModel):
    """The standard proposal: 50,000 in three lines, paid 50/25/25 (L-26)."""

    client_id: ClientId
    """The client it is for."""
    currency: CurrencyCode
    """The currency."""
    lines: tuple[ProposalLine, ...]
    """The services."""
    total: Amount
    """The sum of the lines."""
    schedule: tuple[PaymentMilestone, ...]
    """The payment schedule."""


class InvoiceLine(ContractModel):
    """One line of an invoice."""

    description: NonEmptyStr
    """The service and share, e.g. "Strategy (50%)"."""
    amount: Amount
    """The line amount, rounded to the cent."""


class Invoice(ContractModel):
    """An invoice (L-26..L-28, Q-14: the total is the rounded lines plus the separately rounded tax)."""

    invoice_id: InvoiceId
    """This invoice."""
    client_id: ClientId
    """The client."""
    kind: Milestone
    """The milestone it bills."""
    number: InvoiceNumber
    """The invoice number, e.g. INV-9450D573-SIG."""
    lines: tuple[InvoiceLine, ...]
    """The lines."""
    currency: CurrencyCode
    """The currency."""
    subtotal: Amount
    """The sum of the lines."""
    tax_rate: Ratio
    """The tax rate by geography (L-27)."""
    tax: Amount
    """The tax, rounded to the cent."""
    total: Amount
    """Subtotal plus tax."""
    amount_paid: Amount
    """Paid so far."""
    outstanding: Amount
    """Still to pay."""
    status: InvoiceStatus
    """Its status."""
    issue_date: dt.date
    """The issue date."""
    due_date: dt.date
    """Due 15 days after issue."""
    overdue: bool
    """Unpaid after the due date, as of when it was read."""
    paid_at: Optional[AwareDatetime] = None
    """When it was paid in full."""


class InvoiceRequest(ContractModel):
    """One milestone invoice to issue."""

    project: ClientProject
    """The client's project; its geography sets the tax."""
    milestone: Milestone
    """The milestone to bill."""
    issue_date: dt.date
    """The issue date."""
    scheduled: bool = False
    """True to record it as scheduled rather than sent."""


class BillingRequest(ContractModel):
    """The billing step after delivery (L-26)."""

    project: ClientProject
    """The client's project; its geography sets the tax."""
    package: Package
    """The delivered package; its date is the delivery date."""


class PaymentRequest(ContractModel):
    """A payment against an invoice (L-28)."""

    invoice_id: InvoiceId
    """The invoice paid."""
    payment: Money
    """The amount, in the invoice's currency; must be positive."""


class BillingStatus(ContractModel):
    """A client's invoices as of one day."""

    client_id: ClientId
    """The client."""
    as_of: dt.date
    """The day overdue is judged on."""
    invoices: tuple[Invoice, ...]
    """By issue date, then kind."""
    outstanding: Amount
    """Outstanding on invoices that are not scheduled."""
    overdue_count: int = Field(ge=0)
    """Overdue invoices."""
