"""Invoices in billing's tables: added, read back by id or by client (legacy's order), changed whole."""
from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Optional

from sqlalchemy import select

from aicmo.billing.internal.model import InvoiceRecord, InvoiceState
from aicmo.billing.internal.tables import BillingInvoiceRecordRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["InvoiceRepository"]

_AMOUNTS = ("subtotal", "tax_rate", "tax", "total", "amount_paid", "outstanding")
_PLAIN = ("client_id", "kind", "number", "currency", "status", "issue_date", "due_date", "created_at", "paid_at", "changes")


def _state_json(state: Optional[InvoiceState]) -> Optional[str]:
    if state is None:
        return None
    status, amount_paid, outstanding, paid_at = state
    return json.dumps([status, str(amount_paid), str(outstanding), paid_at.isoformat() if paid_at else None])


def _state(text: Optional[str]) -> Optional[InvoiceState]:
    if text is None:
        return None
    status, amount_paid, outstanding, paid_at = json.loads(text)
    return (status, Decimal(amount_paid), Decimal(outstanding), datetime.fromisoformat(paid_at) if paid_at else None)


def _record(row: BillingInvoiceRecordRow) -> InvoiceRecord:
    lines = tuple((description, Decimal(amount)) for description, amount in json.loads(row.lines))
    return InvoiceRecord(invoice_id=row.id, lines=lines, state_before=_state(row.state_before),
                         **{n: Decimal(getattr(row, n)) for n in _AMOUNTS}, **{n: getattr(row, n) for n in _PLAIN})


def _columns(record: InvoiceRecord) -> dict:
    return {
        "lines": json.dumps([[description, str(amount)] for description, amount in record.lines]),
        "state_before": _state_json(record.state_before),
        **{n: str(getattr(record, n)) for n in _AMOUNTS},
        **{n: getattr(record, n) for n in _PLAIN},
    }


class InvoiceRepository:
    """Billing's invoices on one session; the unit of work commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, record: InvoiceRecord) -> None:
        self._session.add(BillingInvoiceRecordRow(id=record.invoice_id, **_columns(record)))
        self._session.flush()

    def get(self, invoice_id: str) -> Optional[InvoiceRecord]:
        row = self._session.get(BillingInvoiceRecordRow, invoice_id)
        return _record(row) if row is not None else None

    def for_client(self, client_id: str) -> list[InvoiceRecord]:
        """A client's invoices by issue date, then kind (legacy's order)."""
        query = (select(BillingInvoiceRecordRow).where(BillingInvoiceRecordRow.client_id == client_id)
                 .order_by(BillingInvoiceRecordRow.issue_date, BillingInvoiceRecordRow.kind))
        return [_record(row) for row in self._session.scalars(query)]

    def update(self, record: InvoiceRecord) -> None:
        row = self._session.get(BillingInvoiceRecordRow, record.invoice_id)
        assert row is not None, f"invoice {record.invoice_id} vanished"
        for name, value in _columns(record).items():
            if getattr(row, name) != value:
                setattr(row, name, value)
        self._session.flush()
