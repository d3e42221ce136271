"""Billing's port: proposal, invoices, payments, status."""
from __future__ import annotations

import datetime as dt
from typing import Protocol, runtime_checkable

from aicmo.billing.api.dtos import (
    BillingRequest,
    BillingStatus,
    Invoice,
    InvoiceId,
    InvoiceRequest,
    PaymentRequest,
    Proposal,
)
from aicmo.shared.compensation import Compensation
from aicmo.shared.dto import IdempotencyKey
from aicmo.shared.ids import ClientId

__all__ = ["BillingPort"]


@runtime_checkable
class BillingPort(Protocol):
    """What other modules and the orchestration may ask of billing."""

    def issue_proposal(self, client_id: ClientId, idempotency_key: IdempotencyKey) -> Proposal:
        """The standard proposal for the client (L-26)."""
        ...

    def issue_invoice(self, request: InvoiceRequest, idempotency_key: IdempotencyKey) -> Invoice:
        """One milestone invoice with tax by geography, due in 15 days (L-26, L-27, Q-14)."""
        ...

    def issue_milestone_invoices(self, request: BillingRequest, idempotency_key: IdempotencyKey) -> BillingStatus:
        """Signing invoice now, delivery invoice unless one exists, final one scheduled 30 days on (L-26)."""
        ...

    def record_payment(self, request: PaymentRequest, idempotency_key: IdempotencyKey) -> Invoice:
        """Pay in full or in part (L-28); PaymentRejected when it cannot apply."""
        ...

    def get_invoice(self, invoice_id: InvoiceId) -> Invoice:
        """An invoice; InvoiceNotFound when unknown."""
        ...

    def get_billing_status(self, client_id: ClientId, as_of: dt.date) -> BillingStatus:
        """The client's invoices, outstanding amount and overdue count as of a day."""
        ...

    def void_invoices(self, client_id: ClientId, idempotency_key: IdempotencyKey) -> Compensation:
        """Compensates issue_milestone_invoices and issue_invoice: the client's unpaid invoices are
        void (nothing outstanding); a paid one is kept and named, a refund is the business's call.
        The invoices are the journey's pivot: only an operator's cancel runs this, never a failed
        later step. An unknown client is a no-op."""
        ...
