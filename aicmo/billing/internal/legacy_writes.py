"""What billing's legacy view hands billing: the invoices legacy code inserted, and its changes to billing's rows.

Frozen legacy code still writes billing_invoices: delivery's packager inserts the delivery
invoice (Q-12), and while a deployment routes billing back to legacy (a rollback), legacy
billing pays and voids on the rows. acl/billing/legacy_view_sync.py compares the view with
billing's records and hands such writes to billing, which applies each in its own unit of work,
once (its inbox), as if it had been asked.
"""
from __future__ import annotations

import attrs

from aicmo.billing.internal.model import InvoiceState
from aicmo.shared.ids import MessageId, derived_id

__all__ = ["LegacyInvoiceWrite", "adoption_message_id"]


def adoption_message_id(invoice_id: str) -> MessageId:
    """An invoice legacy code inserted is taken over once, whoever sees it first."""
    return derived_id(MessageId, "billing_invoices.adopted", invoice_id)


@attrs.frozen
class LegacyInvoiceWrite:
    """The state a legacy writer put on an invoice's row, seen after the invoice's n-th change."""

    invoice_id: str
    state: InvoiceState
    seen_after_change: int

    @property
    def message_id(self) -> MessageId:
        # the same write seen twice (two readers, a retry) is one message; the same state
        # written again after billing changed the invoice is another
        status, amount_paid, outstanding, paid_at = self.state
        return derived_id(MessageId, "billing_invoices.state", self.invoice_id, self.seen_after_change, status,
                          str(amount_paid), str(outstanding), paid_at.isoformat() if paid_at else "")
