"""Invoice: float amounts rounded line by line (spec section 8, Q-14)."""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel


class InvoiceLine(BaseModel):
    description: str
    amount: float


class Invoice(BaseModel):
    id: str | None = None
    campaign_id: str
    kind: str
    number: str
    lines: list[InvoiceLine]
    currency: str = "USD"
    subtotal: float
    tax_rate: float
    tax: float
    total: float
    amount_paid: float = 0.0
    outstanding: float
    status: str
    issue_date: date
    due_date: date
