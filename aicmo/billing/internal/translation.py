"""Billing's records as the contract DTOs, every amount written as legacy's float prints it (money.as_figure)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from aicmo.billing.api import BillingStatus, Invoice, InvoiceStatus, Proposal
from aicmo.billing.internal.model import InvoiceRecord
from aicmo.billing.internal.money import CURRENCY, PAYMENT_SCHEDULE, PROPOSAL_LINES, as_figure, to_cent

__all__ = ["invoice_dto", "proposal_dto", "status_dto"]


def proposal_dto(client_id: str) -> Proposal:
    """L-26: the three lines, their total and the 50/25/25 schedule."""
    total = sum((amount for _, amount in PROPOSAL_LINES), Decimal("0"))
    return Proposal(
        client_id=client_id,
        currency=CURRENCY,
        lines=tuple({"description": d, "amount": as_figure(a)} for d, a in PROPOSAL_LINES),
        total=as_figure(total),
        schedule=tuple({"milestone": m, "share": as_figure(s), "amount": as_figure(total * s)} for m, s in PAYMENT_SCHEDULE),
    )


def invoice_dto(record: InvoiceRecord, today: dt.date) -> Invoice:
    return Invoice(
        invoice_id=record.invoice_id,
        client_id=record.client_id,
        kind=record.kind,
        number=record.number,
        lines=tuple({"description": d, "amount": as_figure(a)} for d, a in record.lines),
        currency=record.currency,
        subtotal=as_figure(record.subtotal),
        tax_rate=as_figure(record.tax_rate),
        tax=as_figure(record.tax),
        total=as_figure(record.total),
        amount_paid=as_figure(record.amount_paid),
        outstanding=as_figure(record.outstanding),
        status=record.status,
        issue_date=record.issue_date,
        due_date=record.due_date,
        overdue=record.overdue(today),
        paid_at=record.paid_at,
    )


def status_dto(client_id: str, as_of: dt.date, records: list[InvoiceRecord]) -> BillingStatus:
    """The client's invoices as of a day; outstanding counts every invoice but the scheduled ones."""
    outstanding = sum((r.outstanding for r in records if r.status != InvoiceStatus.SCHEDULED.value), Decimal("0"))
    return BillingStatus(
        client_id=client_id,
        as_of=as_of,
        invoices=tuple(invoice_dto(r, as_of) for r in records),
        outstanding=as_figure(to_cent(outstanding)),
        overdue_count=sum(1 for r in records if r.overdue(as_of)),
    )
