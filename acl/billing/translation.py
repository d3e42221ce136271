"""Billing translation: legacy proposal, invoice rows and status dicts <-> billing DTOs (floats <-> Decimal)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from acl._support.translate import aware, build
from aicmo.billing.api import BillingStatus, Invoice, Proposal
from backend.db.models import InvoiceRow
from backend.services.billing import is_overdue, to_invoice

__all__ = ["invoice_from_row", "proposal_from_legacy", "status_from_legacy"]


def proposal_from_legacy(client_id: str, legacy: dict[str, Any]) -> Proposal:
    return build(Proposal, {"client_id": client_id, **legacy}, "legacy proposal")


def _invoice(legacy: dict[str, Any], paid_at: Any) -> Invoice:
    data = {k: v for k, v in legacy.items() if k not in ("id", "campaign_id")}
    return build(
        Invoice,
        {**data, "invoice_id": legacy["id"], "client_id": legacy["campaign_id"], "paid_at": aware(paid_at)},
        f"billing_invoices {legacy.get('id')}",
    )


def invoice_from_row(row: InvoiceRow, today: dt.date) -> Invoice:
    return _invoice(to_invoice(row).model_dump(mode="json") | {"overdue": is_overdue(row, today)}, row.paid_at)


def status_from_legacy(client_id: str, as_of: dt.date, legacy: dict[str, Any], rows: list[InvoiceRow]) -> BillingStatus:
    paid_at = {row.id: row.paid_at for row in rows}
    return build(
        BillingStatus,
        {
            "client_id": client_id,
            "as_of": as_of,
            "invoices": tuple(_invoice(i, paid_at.get(i["id"])) for i in legacy["invoices"]),
            "outstanding": legacy["outstanding"],
            "overdue_count": legacy["overdue_count"],
        },
        "legacy billing status",
    )
