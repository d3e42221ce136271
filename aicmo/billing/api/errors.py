"""Billing's contract errors."""
from __future__ import annotations

from aicmo.shared.errors import NotFound, RuleViolation

__all__ = ["InvoiceNotFound", "PaymentRejected"]


class InvoiceNotFound(NotFound):
    """No invoice with that id."""

    code = "invoice_not_found"


class PaymentRejected(RuleViolation):
    """The payment cannot apply: invoice already paid, amount not positive or above the outstanding."""

    code = "payment_rejected"
