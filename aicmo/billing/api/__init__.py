"""Billing's public contract: the only thing other modules, the ACL and the orchestration may import.

Raise the major of CONTRACT_VERSION with any breaking change; `aicmo contracts check` enforces it.
"""
from __future__ import annotations

from aicmo.billing.api.dtos import (
    BillingRequest,
    BillingStatus,
    Invoice,
    InvoiceId,
    InvoiceLine,
    InvoiceRequest,
    InvoiceStatus,
    Milestone,
    PaymentMilestone,
    PaymentRequest,
    Proposal,
    ProposalLine,
)
from aicmo.billing.api.errors import (
    InvoiceNotFound,
    PaymentRejected,
)
from aicmo.billing.api.events import (
    InvoiceIssued,
    InvoicePaid,
    PaymentRecorded,
    ProposalIssued,
)
from aicmo.billing.api.ports import (
    BillingPort,
)

CONTRACT_VERSION = "1.1.0"

__all__ = [
    "CONTRACT_VERSION",
    "BillingPort",
    "BillingRequest",
    "BillingStatus",
    "Invoice",
    "InvoiceId",
    "InvoiceIssued",
    "InvoiceLine",
    "InvoiceNotFound",
    "InvoicePaid",
    "InvoiceRequest",
    "InvoiceStatus",
    "Milestone",
    "PaymentMilestone",
    "PaymentRecorded",
    "PaymentRejected",
    "PaymentRequest",
    "Proposal",
    "ProposalIssued",
    "ProposalLine",
]
