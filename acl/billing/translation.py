"""Billing translation: legacy proposal, invoice rows and status dicts <-> billing DTOs (floats <-> Decimal)."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from acl._support.errors import TranslationError
from acl._support.translate import aware, build
from aicmo.billing.api import BillingStatus, Invoice, Proposal
from backend.db.models import InvoiceRow
from backend.services.billing import is_overdue

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


_MONEY = ("subtotal", "tax_rate", "tax", "total", "amount_paid", "outstanding")
_AS_STORED = ("kind", "number", "currency", "status", "issue_date", "due_date")
_COLUMNS = frozenset(("id", "campaign_id", "lines_json", "paid_at", *_MONEY, *_AS_STORED))


def invoice_from_row(row: InvoiceRow, today: dt.date) -> Invoice:
    """The invoice DTO read from its row as legacy's `to_invoice` reads it, validated once.

    Legacy's model would only turn the row's numbers into floats (which they already are, a
    line's amount aside) on the way; the DTO's own validation checks every field. The columns
    come from the row's loaded state (through the ORM when one is not loaded).
    """
    loaded = row.__dict__
    stored = loaded if _COLUMNS <= loaded.keys() else {name: getattr(row, name) for name in _COLUMNS}
    try:
        lines = [{"description": line["description"], "amount": float(line["amount"])} for line in json.loads(stored["lines_json"])]
    except (ValueError, TypeError, KeyError):
        raise TranslationError(f"billing_invoices {row.id}: field 'lines_json' is not a JSON list of lines", field="lines_json") from None
    data = {name: stored[name] for name in _AS_STORED}
    for name in _MONEY:
        data[name] = _number(stored[name])
    data["invoice_id"], data["client_id"], data["lines"] = stored["id"], stored["campaign_id"], lines
    data["overdue"], data["paid_at"] = is_overdue(row, today), aware(stored["paid_at"])
    return build(Invoice, data, f"billing_invoices {stored['id']}")


def _number(value: Any) -> Any:
    """A stored amount as legacy's model holds it: a float (an int column value becomes one), anything else as it is."""
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


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
