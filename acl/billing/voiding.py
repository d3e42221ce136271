"""Void a client's invoices: the compensation of issue_milestone_invoices and issue_invoice.

Invoices are the journey's pivot: a failed step after them is retried, so this runs only when
an operator cancels a journey. An unpaid invoice (scheduled or sent) becomes void with nothing
outstanding; the row and its number stay, since an issued number is never reused or erased. A
paid invoice is kept as it is and named in the outcome: money was received, and a refund is a
business decision, not an undo.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from aicmo.billing.api import InvoiceStatus
from aicmo.shared.compensation import Compensation, CompensationStatus
from backend.services import billing

__all__ = ["void_invoices"]

ACTION = "void_invoices"
_VOIDABLE = {InvoiceStatus.SCHEDULED.value, InvoiceStatus.SENT.value}


def void_invoices(session: Session, client_id: str) -> Compensation:
    rows = billing.invoices_for(session, client_id)
    if not rows:
        return Compensation(action=ACTION, target_id=client_id, status=CompensationStatus.NOTHING_TO_COMPENSATE)
    voidable = [row for row in rows if row.status in _VOIDABLE]
    paid = tuple(row.id for row in rows if row.status == InvoiceStatus.PAID.value)
    if not voidable:
        return Compensation(action=ACTION, target_id=client_id, status=CompensationStatus.ALREADY_COMPENSATED, kept=paid)
    for row in voidable:
        row.status = InvoiceStatus.VOID.value
        row.outstanding = 0.0
    return Compensation(action=ACTION, target_id=client_id, status=CompensationStatus.COMPENSATED,
                        undone=tuple(row.id for row in voidable), kept=paid)
