"""The integration events billing raises, with ids derived from the command that raised them."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from aicmo.billing.api import InvoiceIssued, InvoicePaid, PaymentRecorded, ProposalIssued
from aicmo.billing.internal.model import InvoiceRecord
from aicmo.shared.ids import CorrelationId, MessageId, derived_id

__all__ = ["invoice_issued", "invoice_paid", "payment_recorded", "proposal_issued"]


def _common(event_type: str, subject: str, client_id: str, cause: str, at: datetime) -> dict:
    return {
        # one command (its key) raises one event of a type on one subject, so the three name it
        "event_id": derived_id(MessageId, "billing", subject, event_type, cause),
        "occurred_at": at,
        # the request carries no flow id; a client's journey is the flow, so its id stands in
        "correlation_id": CorrelationId(client_id),
    }


def proposal_issued(client_id: str, total: Decimal, currency: str, cause: str, at: datetime) -> ProposalIssued:
    return ProposalIssued(**_common("ProposalIssued", client_id, client_id, cause, at), client_id=client_id,
                          total={"amount": total, "currency": currency})


def invoice_issued(invoice: InvoiceRecord, cause: str, at: datetime) -> InvoiceIssued:
    return InvoiceIssued(**_common("InvoiceIssued", invoice.invoice_id, invoice.client_id, cause, at),
                         invoice_id=invoice.invoice_id, client_id=invoice.client_id, kind=invoice.kind, status=invoice.status,
                         total={"amount": invoice.total, "currency": invoice.currency}, issue_date=invoice.issue_date,
                         due_date=invoice.due_date)


def payment_recorded(invoice: InvoiceRecord, payment: Decimal, cause: str, at: datetime) -> PaymentRecorded:
    return PaymentRecorded(**_common("PaymentRecorded", invoice.invoice_id, invoice.client_id, cause, at),
                           invoice_id=invoice.invoice_id, client_id=invoice.client_id,
                           payment={"amount": payment, "currency": invoice.currency},
                           outstanding={"amount": invoice.outstanding, "currency": invoice.currency})


def invoice_paid(invoice: InvoiceRecord, cause: str, at: datetime) -> InvoicePaid:
    return InvoicePaid(**_common("InvoicePaid", invoice.invoice_id, invoice.client_id, cause, at),
                       invoice_id=invoice.invoice_id, client_id=invoice.client_id)
