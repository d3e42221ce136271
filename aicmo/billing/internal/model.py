"""Billing's domain model: an invoice record and what a payment or a voiding does to it (L-26..L-28)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Optional

import attrs

from aicmo.billing.api import InvoiceStatus
from aicmo.billing.internal.money import (
    CURRENCY,
    DUE_DAYS,
    invoice_lines,
    invoice_totals,
    tax_rate,
    to_cent,
)

__all__ = ["InvoiceRecord", "InvoiceState", "PaymentRefused", "new_invoice"]

# what a payment or a voiding changes: (status, amount_paid, outstanding, paid_at)
InvoiceState = tuple[str, Decimal, Decimal, Optional[dt.datetime]]


class PaymentRefused(ValueError):
    """A payment that cannot apply, worded as legacy words it."""


@attrs.frozen
class InvoiceRecord:
    """One invoice as billing keeps it; amounts are exact decimals in cents."""

    invoice_id: str
    client_id: str
    kind: str
    number: str
    lines: tuple[tuple[str, Decimal], ...]
    currency: str
    subtotal: Decimal
    tax_rate: Decimal
    tax: Decimal
    total: Decimal
    amount_paid: Decimal
    outstanding: Decimal
    status: str
    issue_date: dt.date
    due_date: dt.date
    created_at: dt.datetime
    paid_at: Optional[dt.datetime] = None
    # the state before the last change, and how many changes there were: the legacy view still
    # holding the earlier state is a sync lost in a crash, any other state a legacy writer's
    state_before: Optional[InvoiceState] = None
    changes: int = 0

    @property
    def state(self) -> InvoiceState:
        return (self.status, self.amount_paid, self.outstanding, self.paid_at)

    def changed_to(self, state: InvoiceState) -> "InvoiceRecord":
        """This invoice in another state, the current one kept as the state before."""
        status, amount_paid, outstanding, paid_at = state
        return attrs.evolve(self, status=status, amount_paid=amount_paid, outstanding=outstanding, paid_at=paid_at,
                            state_before=self.state, changes=self.changes + 1)

    def overdue(self, today: dt.date) -> bool:
        """Unpaid after its due date (L-27): legacy counts every status but paid, void and scheduled included."""
        return self.status != InvoiceStatus.PAID.value and today > self.due_date

    def paid(self, amount: Decimal, at: dt.datetime) -> "InvoiceRecord":
        """L-28: the whole outstanding amount pays it; less keeps it sent with the rest outstanding."""
        if self.status == InvoiceStatus.PAID.value:
            raise PaymentRefused(f"invoice {self.number} is already paid")
        if amount <= 0:
            raise PaymentRefused("payment must be positive")
        if to_cent(amount) > to_cent(self.outstanding):
            raise PaymentRefused(f"payment {to_cent(amount)} exceeds outstanding {to_cent(self.outstanding)}")
        amount_paid = to_cent(self.amount_paid + amount)
        if to_cent(amount) == to_cent(self.outstanding):
            return self.changed_to((InvoiceStatus.PAID.value, amount_paid, Decimal("0"), at))
        return self.changed_to((InvoiceStatus.SENT.value, amount_paid, to_cent(self.outstanding - amount), self.paid_at))

    @property
    def voidable(self) -> bool:
        return self.status in (InvoiceStatus.SCHEDULED.value, InvoiceStatus.SENT.value)

    def voided(self) -> "InvoiceRecord":
        """Cancelled by the compensation: nothing outstanding, the number kept."""
        return self.changed_to((InvoiceStatus.VOID.value, self.amount_paid, Decimal("0"), self.paid_at))


def new_invoice(invoice_id: str, client_id: str, kind: str, geography: Optional[str], issue_date: dt.date, status: str,
                created_at: dt.datetime) -> InvoiceRecord:
    """A milestone's invoice (L-26, L-27, Q-14's order of rounding), numbered as legacy numbers it."""
    lines = invoice_lines(kind)
    rate = tax_rate(geography)
    subtotal, tax, total = invoice_totals(tuple(amount for _, amount in lines), rate)
    return InvoiceRecord(
        invoice_id=invoice_id,
        client_id=client_id,
        kind=kind,
        number=f"INV-{client_id[:8].upper()}-{kind[:3].upper()}",
        lines=lines,
        currency=CURRENCY,
        subtotal=subtotal,
        tax_rate=rate,
        tax=tax,
        total=total,
        amount_paid=Decimal("0"),
        outstanding=total,
        status=status,
        issue_date=issue_date,
        due_date=issue_date + dt.timedelta(days=DUE_DAYS),
        created_at=created_at,
    )
