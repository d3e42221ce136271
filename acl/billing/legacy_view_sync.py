"""The legacy view of billing: with billing on its new path, keep billing_invoices as legacy kept it.

Legacy readers (retention's overdue invoices, delivery's packager looking for a delivery invoice,
the operator flow) read the invoices from `billing_invoices`. The new billing keeps them in its
own tables as exact decimals, so this sync writes each invoice's row from billing's record,
through the legacy session, with exactly the values `backend.services.billing` wrote (amounts
as floats, the lines as legacy's JSON).

Before each call that reads or changes a client's invoices, the wrapper also reads the view back:

- a row billing does not know was inserted by frozen legacy code: delivery's packager writes
  the delivery invoice (Q-12), and a journey billed on legacy before the route changed left its
  invoices. Billing **adopts** each such invoice, once (its inbox), as it stands, so the
  milestone step finds the delivery invoice and leaves it, whoever issued it (L-26);
- a row whose state (status, amount paid, outstanding, paid at) billing's record does not
  explain was written by legacy billing while a deployment routed billing back to legacy (a
  rollback): billing **absorbs** it, applied in its own unit of work, once (its inbox), never by
  writing its tables from here;
- a row still holding the state from before billing's last change, a missing row, or other
  columns that differ (no other writer changes them) is a sync lost in a crash after billing
  committed: it is **re-synced**;
- a keyed command legacy billing already answered (a journey resumed on the new route) is
  answered as legacy answered it, not run again.
"""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from acl._support.legacy_answers import legacy_answer
from acl._support.legacy_session import legacy_session
from acl._support.translate import aware
from aicmo.billing.api import (
    BillingRequest,
    BillingStatus,
    Invoice,
    InvoiceId,
    InvoiceRequest,
    PaymentRequest,
    Proposal,
)
from aicmo.billing.internal.legacy_writes import LegacyInvoiceWrite
from aicmo.billing.internal.model import InvoiceRecord, InvoiceState
from aicmo.billing.internal.service import BillingService
from aicmo.shared.compensation import Compensation
from aicmo.shared.ids import ClientId
from backend.db.models import InvoiceRow

__all__ = ["BillingWithLegacyView", "legacy_columns", "reconcile", "sync_legacy_view"]

MODULE = "billing"
_AMOUNTS = ("subtotal", "tax_rate", "tax", "total", "amount_paid", "outstanding")
_PLAIN = ("kind", "number", "currency", "status", "issue_date", "due_date")
# the columns only a payment or a voiding changes
_STATE = ("status", "amount_paid", "outstanding", "paid_at")


def _rows(session: Session, client_id: str) -> dict[str, InvoiceRow]:
    query = select(InvoiceRow).where(InvoiceRow.campaign_id == client_id).order_by(InvoiceRow.issue_date, InvoiceRow.kind)
    return {row.id: row for row in session.scalars(query)}


def legacy_columns(record: InvoiceRecord) -> dict[str, Any]:
    """The record's billing_invoices columns as legacy writes them (created_at aside): floats, legacy's lines JSON."""
    return {
        "campaign_id": record.client_id,
        "lines_json": json.dumps([{"description": d, "amount": float(a)} for d, a in record.lines]),
        **{name: float(getattr(record, name)) for name in _AMOUNTS},
        **{name: getattr(record, name) for name in _PLAIN},
        "paid_at": record.paid_at,
    }


def _same(row: InvoiceRow, name: str, value: Any) -> bool:
    stored = getattr(row, name)
    if isinstance(value, dt.datetime) and isinstance(stored, dt.datetime):
        return aware(stored) == value
    return bool(stored == value)


def sync_legacy_view(client_id: str, records: list[InvoiceRecord]) -> None:
    """Write every invoice's row, adding the missing ones; only what differs is written."""
    with legacy_session(MODULE) as session:
        rows = _rows(session, client_id)
        for record in records:
            columns = legacy_columns(record)
            row = rows.get(record.invoice_id)
            if row is None:
                session.add(InvoiceRow(id=record.invoice_id, created_at=record.created_at, **columns))
                continue
            for name, value in columns.items():
                if not _same(row, name, value):
                    setattr(row, name, value)


def _amount(value: float) -> Decimal:
    """A legacy float as an exact decimal, read through its shortest repr."""
    return Decimal(repr(float(value)))


def _record(row: InvoiceRow) -> InvoiceRecord:
    """An invoice legacy code inserted, as billing keeps it."""
    return InvoiceRecord(
        invoice_id=row.id,
        client_id=row.campaign_id,
        lines=tuple((line["description"], _amount(line["amount"])) for line in json.loads(row.lines_json)),
        **{name: _amount(getattr(row, name)) for name in _AMOUNTS},
        **{name: getattr(row, name) for name in _PLAIN},
        created_at=aware(row.created_at),
        paid_at=aware(row.paid_at),
    )


def _state_of(row: InvoiceRow) -> InvoiceState:
    return (row.status, _amount(row.amount_paid), _amount(row.outstanding), aware(row.paid_at))


def _legacy_writes(records: list[InvoiceRecord], rows: dict[str, InvoiceRow]) -> tuple[list[LegacyInvoiceWrite], bool]:
    """The states legacy writers put on the view, and whether anything else differs (a lost sync)."""
    writes, lost = [], False
    for record in records:
        row = rows.get(record.invoice_id)
        if row is None:
            lost = True
            continue
        columns = legacy_columns(record)
        if not all(_same(row, name, value) for name, value in columns.items() if name not in _STATE):
            lost = True  # nobody else writes these; the state is judged on its own (a write may follow a lost sync)
        state = _state_of(row)
        if state == record.state:
            continue
        if record.changes and state == record.state_before:
            lost = True  # the view never got billing's last change
        else:
            writes.append(LegacyInvoiceWrite(record.invoice_id, state, record.changes))
    return writes, lost


def reconcile(billing: BillingService, client_id: str) -> None:
    """Adopt the invoices legacy code inserted for the client, absorb what legacy wrote on billing's, re-sync what a crash left."""
    records = billing.invoices_of(client_id)
    with legacy_session(MODULE) as session:
        rows = _rows(session, client_id)
        known = {r.invoice_id for r in records}
        strangers = [_record(row) for row_id, row in rows.items() if row_id not in known]
        writes, lost = _legacy_writes(records, rows)
    if strangers:
        billing.adopt_legacy_invoices(client_id, strangers)
    if writes:
        billing.absorb_legacy_writes(client_id, writes)
    if writes or lost:
        sync_legacy_view(client_id, billing.invoices_of(client_id))


def _client_of_invoice(invoice_id: str) -> Optional[str]:
    with legacy_session(MODULE) as session:
        row = session.get(InvoiceRow, invoice_id)
        return row.campaign_id if row is not None else None


class BillingWithLegacyView:
    """A BillingPort that keeps billing_invoices in step with the new billing it wraps.

    The sync runs after billing's own transaction committed and writes billing's current
    records (not the answer, which a replay gives from the first call), so running it again is safe.
    """

    def __init__(self, billing: BillingService) -> None:
        self._billing = billing

    def _synced(self, client_id: str) -> None:
        sync_legacy_view(client_id, self._billing.invoices_of(client_id))

    def _reconciled_for_invoice(self, invoice_id: InvoiceId) -> None:
        client_id = _client_of_invoice(str(invoice_id))
        if client_id is not None:
            reconcile(self._billing, client_id)

    def issue_proposal(self, client_id: ClientId, idempotency_key: str) -> Proposal:
        earlier = legacy_answer(MODULE, "issue_proposal", idempotency_key, client_id, Proposal)
        return earlier if earlier is not None else self._billing.issue_proposal(client_id, idempotency_key)

    def issue_invoice(self, request: InvoiceRequest, idempotency_key: str) -> Invoice:
        client_id = str(request.project.client_id)
        earlier = legacy_answer(MODULE, "issue_invoice", idempotency_key, request, Invoice)
        reconcile(self._billing, client_id)
        if earlier is not None:
            return earlier
        result = self._billing.issue_invoice(request, idempotency_key)
        self._synced(client_id)
        return result

    def issue_milestone_invoices(self, request: BillingRequest, idempotency_key: str) -> BillingStatus:
        client_id = str(request.project.client_id)
        earlier = legacy_answer(MODULE, "issue_milestone_invoices", idempotency_key, request, BillingStatus)
        reconcile(self._billing, client_id)  # the packager's delivery invoice is found and left
        if earlier is not None:
            return earlier
        result = self._billing.issue_milestone_invoices(request, idempotency_key)
        self._synced(client_id)
        return result

    def record_payment(self, request: PaymentRequest, idempotency_key: str) -> Invoice:
        earlier = legacy_answer(MODULE, "record_payment", idempotency_key, request, Invoice)
        self._reconciled_for_invoice(request.invoice_id)
        if earlier is not None:
            return earlier
        result = self._billing.record_payment(request, idempotency_key)
        self._synced(str(result.client_id))
        return result

    def get_invoice(self, invoice_id: InvoiceId) -> Invoice:
        self._reconciled_for_invoice(invoice_id)
        return self._billing.get_invoice(invoice_id)

    def get_billing_status(self, client_id: ClientId, as_of: dt.date) -> BillingStatus:
        reconcile(self._billing, str(client_id))
        return self._billing.get_billing_status(client_id, as_of)

    def void_invoices(self, client_id: ClientId, idempotency_key: str) -> Compensation:
        earlier = legacy_answer(MODULE, "void_invoices", idempotency_key, str(client_id), Compensation)
        reconcile(self._billing, str(client_id))
        if earlier is not None:
            return earlier
        result = self._billing.void_invoices(client_id, idempotency_key)
        self._synced(str(client_id))
        return result
