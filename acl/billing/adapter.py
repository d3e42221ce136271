"""BillingPort over legacy: build_proposal, make_invoice, issue_billing, record_payment, billing_status."""
from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from acl._support.idempotency import DurableIdempotency
from acl._support.legacy_session import legacy_session
from acl._support.project_rows import project_row
from acl._support.row_reads import row_by_id
from acl.billing.translation import (
    invoice_from_row,
    proposal_from_legacy,
    status_from_legacy,
)
from acl.billing.voiding import void_invoices
from aicmo.billing.api import (
    BillingRequest,
    BillingStatus,
    Invoice,
    InvoiceId,
    InvoiceNotFound,
    InvoiceRequest,
    PaymentRejected,
    PaymentRequest,
    Proposal,
)
from aicmo.shared.compensation import Compensation
from aicmo.shared.ids import ClientId
from backend.db.models import InvoiceRow
from backend.services import billing

__all__ = ["LegacyBilling"]

MODULE = "billing"


def _status(session: Session, client_id: str, as_of: dt.date) -> BillingStatus:
    legacy = billing.billing_status(session, client_id, as_of)
    return status_from_legacy(client_id, as_of, legacy, billing.invoices_for(session, client_id))


class LegacyBilling:
    """The billing port, answered by the legacy billing service."""

    def __init__(self) -> None:
        self._idempotency = DurableIdempotency(MODULE)

    def issue_proposal(self, client_id: ClientId, idempotency_key: str) -> Proposal:
        def run() -> Proposal:
            with legacy_session(MODULE) as session:
                project_row(session, client_id)
            return proposal_from_legacy(str(client_id), billing.build_proposal())

        return self._idempotency.once("issue_proposal", idempotency_key, client_id, run)

    def issue_invoice(self, request: InvoiceRequest, idempotency_key: str) -> Invoice:
        def run() -> Invoice:
            with legacy_session(MODULE) as session:
                client = project_row(session, request.project.client_id)
                status = "scheduled" if request.scheduled else "sent"
                row = billing.make_invoice(client.id, request.milestone.value, request.project.intake.geography, request.issue_date, status)
                session.add(row)
                session.flush()
                return invoice_from_row(row, dt.date.today())

        return self._idempotency.once("issue_invoice", idempotency_key, request, run)

    def issue_milestone_invoices(self, request: BillingRequest, idempotency_key: str) -> BillingStatus:
        def run() -> BillingStatus:
            with legacy_session(MODULE) as session:
                client = project_row(session, request.project.client_id)
                delivered_on = request.package.created_at.date()
                billing.issue_billing(session, client, request.project.intake.geography, delivered_on)
                return _status(session, client.id, dt.date.today())

        return self._idempotency.once("issue_milestone_invoices", idempotency_key, request, run)

    def record_payment(self, request: PaymentRequest, idempotency_key: str) -> Invoice:
        def run() -> Invoice:
            with legacy_session(MODULE) as session:
                row = row_by_id(session, InvoiceRow, str(request.invoice_id))
                if row is None:
                    raise InvoiceNotFound(f"invoice {request.invoice_id} not found", invoice_id=str(request.invoice_id))
                if request.payment.currency != row.currency:
                    raise PaymentRejected(f"payment in {request.payment.currency}, invoice in {row.currency}")
                try:
                    row = billing.record_payment(session, row.id, float(request.payment.amount))
                except billing.PaymentError as exc:
                    raise PaymentRejected(str(exc)) from None
                return invoice_from_row(row, dt.date.today())

        return self._idempotency.once("record_payment", idempotency_key, request, run)

    def get_invoice(self, invoice_id: InvoiceId) -> Invoice:
        with legacy_session(MODULE) as session:
            row = row_by_id(session, InvoiceRow, str(invoice_id))
            if row is None:
                raise InvoiceNotFound(f"invoice {invoice_id} not found", invoice_id=str(invoice_id))
            return invoice_from_row(row, dt.date.today())

    def get_billing_status(self, client_id: ClientId, as_of: dt.date) -> BillingStatus:
        with legacy_session(MODULE) as session:
            project_row(session, client_id)
            return _status(session, str(client_id), as_of)

    def void_invoices(self, client_id: ClientId, idempotency_key: str) -> Compensation:
        def run() -> Compensation:
            with legacy_session(MODULE) as session:
                return void_invoices(session, str(client_id))

        return self._idempotency.once("void_invoices", idempotency_key, str(client_id), run)
