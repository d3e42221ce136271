"""Billing: proposal, invoices with tax, payments (spec section 8).

Amounts are floats, rounded line by line (Q-14).
"""
from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aicmo.domain import Invoice, InvoiceLine
from backend.db.models import CampaignRow, InvoiceRow

CURRENCY = "USD"
PROPOSAL_LINES = [("Strategy", 15000.0), ("Creative", 10000.0), ("Campaign management", 25000.0)]
PAYMENT_SCHEDULE = [("signing", 0.50), ("delivery", 0.25), ("final", 0.25)]
TAX_RATES = {"UK": 0.20, "EU": 0.21, "IN": 0.18}  # L-27 (ours)
DUE_DAYS = 15
FINAL_INVOICE_DELAY_DAYS = 30


class PaymentError(ValueError):
    pass


def tax_rate(geography: str | None) -> float:
    return TAX_RATES.get((geography or "").strip().upper(), 0.0)


def build_proposal() -> dict[str, Any]:
    """L-26: three lines, 50,000 in all, paid 50/25/25."""
    total = sum(amount for _, amount in PROPOSAL_LINES)
    return {
        "currency": CURRENCY,
        "lines": [{"description": d, "amount": a} for d, a in PROPOSAL_LINES],
        "total": total,
        "schedule": [{"milestone": m, "share": s, "amount": total * s} for m, s in PAYMENT_SCHEDULE],
    }


def invoice_totals(amounts: list[float], rate: float) -> tuple[float, float, float]:
    """Q-14: round each line, then add the separately rounded tax."""
    subtotal = sum(round(a, 2) for a in amounts)
    tax = round(subtotal * rate, 2)
    return subtotal, tax, subtotal + tax


def make_invoice(campaign_id: str, kind: str, geography: str | None, issue_date: date, status: str) -> InvoiceRow:
    share = dict(PAYMENT_SCHEDULE)[kind]
    lines = [InvoiceLine(description=f"{d} ({share:.0%})", amount=round(a * share, 2)) for d, a in PROPOSAL_LINES]
    rate = tax_rate(geography)
    subtotal, tax, total = invoice_totals([line.amount for line in lines], rate)
    return InvoiceRow(
        id=str(uuid.uuid4()),
        campaign_id=campaign_id,
        kind=kind,
        number=f"INV-{campaign_id[:8].upper()}-{kind[:3].upper()}",
        lines_json=json.dumps([line.model_dump() for line in lines]),
        currency=CURRENCY,
        subtotal=subtotal,
        tax_rate=rate,
        tax=tax,
        total=total,
        amount_paid=0.0,
        outstanding=total,
        status=status,
        issue_date=issue_date,
        due_date=issue_date + timedelta(days=DUE_DAYS),
        created_at=datetime.now(timezone.utc),
    )


def invoices_for(session: Session, campaign_id: str) -> list[InvoiceRow]:
    stmt = select(InvoiceRow).where(InvoiceRow.campaign_id == campaign_id).order_by(InvoiceRow.issue_date, InvoiceRow.kind)
    return list(session.scalars(stmt))


def issue_billing(session: Session, campaign: CampaignRow, geography: str | None, delivery_date: date) -> list[InvoiceRow]:
    """L-26: signing invoice now; the packager's delivery invoice is left as found; final scheduled."""
    existing = {row.kind: row for row in invoices_for(session, campaign.id)}
    rows = []
    if "signing" not in existing:
        rows.append(make_invoice(campaign.id, "signing", geography, date.today(), "sent"))
    if "delivery" not in existing:
        rows.append(make_invoice(campaign.id, "delivery", geography, delivery_date, "sent"))
    if "final" not in existing:
        final_date = delivery_date + timedelta(days=FINAL_INVOICE_DELAY_DAYS)
        rows.append(make_invoice(campaign.id, "final", geography, final_date, "scheduled"))
    for row in rows:
        session.add(row)
    session.flush()
    return invoices_for(session, campaign.id)


def record_payment(session: Session, invoice_id: str, amount: float) -> InvoiceRow:
    """L-28: the full outstanding amount pays; less keeps it sent with the rest outstanding."""
    invoice = session.get(InvoiceRow, invoice_id)
    if invoice is None:
        raise PaymentError(f"invoice {invoice_id} not found")
    if invoice.status == "paid":
        raise PaymentError(f"invoice {invoice.number} is already paid")
    if amount <= 0:
        raise PaymentError("payment must be positive")
    if round(amount, 2) > round(invoice.outstanding, 2):
        raise PaymentError(f"payment {amount:.2f} exceeds outstanding {invoice.outstanding:.2f}")
    invoice.amount_paid = round(invoice.amount_paid + amount, 2)
    if round(amount, 2) == round(invoice.outstanding, 2):
        invoice.outstanding = 0.0
        invoice.status = "paid"
        invoice.paid_at = datetime.now(timezone.utc)
    else:
        invoice.outstanding = round(invoice.outstanding - amount, 2)
        invoice.status = "sent"
    session.flush()
    return invoice


def is_overdue(invoice: InvoiceRow, today: date | None = None) -> bool:
    today = today or date.today()
    return invoice.status != "paid" and today > invoice.due_date


def to_invoice(row: InvoiceRow) -> Invoice:
    return Invoice(
        id=row.id,
        campaign_id=row.campaign_id,
        kind=row.kind,
        number=row.number,
        lines=[InvoiceLine(**line) for line in json.loads(row.lines_json)],
        currency=row.currency,
        subtotal=row.subtotal,
        tax_rate=row.tax_rate,
        tax=row.tax,
        total=row.total,
        amount_paid=row.amount_paid,
        outstanding=row.outstanding,
        status=row.status,
        issue_date=row.issue_date,
        due_date=row.due_date,
    )


def billing_status(session: Session, campaign_id: str, today: date | None = None) -> dict[str, Any]:
    rows = invoices_for(session, campaign_id)
    return {
        "invoices": [to_invoice(r).model_dump(mode="json") | {"overdue": is_overdue(r, today)} for r in rows],
        "outstanding": round(sum(r.outstanding for r in rows if r.status != "scheduled"), 2),
        "overdue_count": sum(1 for r in rows if is_overdue(r, today)),
    }
