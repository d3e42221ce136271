"""Billing's money rules as exact decimals: the proposal, tax by geography, invoice totals, payments.

Amounts are `Decimal`, rounded to the cent with ROUND_HALF_EVEN (Python's own rule, the one
legacy's `round(x, 2)` applies) on the exact decimal value. Legacy applies it to the binary
float instead (Q-14), so the two can differ where the exact value lies on a half cent (2.675:
legacy 2.67, here 2.68) or where a float sum carries a binary artefact; no invoice the port
issues meets either (see divergences.EXACT_DECIMAL_CENTS and the property tests comparing them).
"""
from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Optional

__all__ = [
    "CENT",
    "CURRENCY",
    "DUE_DAYS",
    "FINAL_INVOICE_DELAY_DAYS",
    "PAYMENT_SCHEDULE",
    "PROPOSAL_LINES",
    "as_figure",
    "invoice_lines",
    "invoice_totals",
    "to_cent",
    "tax_rate",
]

CENT = Decimal("0.01")
CURRENCY = "USD"
# L-26: three lines, 50,000 in all, paid 50/25/25
PROPOSAL_LINES = (("Strategy", Decimal("15000")), ("Creative", Decimal("10000")), ("Campaign management", Decimal("25000")))
PAYMENT_SCHEDULE = (("signing", Decimal("0.50")), ("delivery", Decimal("0.25")), ("final", Decimal("0.25")))
# L-27 (ours): anything else is untaxed
TAX_RATES = {"UK": Decimal("0.20"), "EU": Decimal("0.21"), "IN": Decimal("0.18")}
DUE_DAYS = 15
FINAL_INVOICE_DELAY_DAYS = 30


def to_cent(amount: Decimal) -> Decimal:
    """The amount rounded to the cent, half to even."""
    return amount.quantize(CENT, rounding=ROUND_HALF_EVEN)


def as_figure(amount: Decimal) -> Decimal:
    """The amount written as legacy's float prints it: no trailing zeros, at least one decimal (25000.0, 7500.5, 0.21).

    A figure of the contract's DTOs: equal in value whatever its form, but printed (the journey
    output, the pins) in this one, as on the legacy path.
    """
    text = format(amount, "f")
    if "." in text:
        text = text.rstrip("0")
    else:
        text += "."
    return Decimal(text + "0" if text.endswith(".") else text)


def tax_rate(geography: Optional[str]) -> Decimal:
    """L-27: by the geography's code, trimmed and in any case."""
    return TAX_RATES.get((geography or "").strip().upper(), Decimal("0"))


def share_of(milestone: str) -> Decimal:
    return dict(PAYMENT_SCHEDULE)[milestone]


def invoice_lines(milestone: str) -> tuple[tuple[str, Decimal], ...]:
    """The milestone's share of each proposal line, rounded to the cent, described as legacy describes it."""
    share = share_of(milestone)
    percent = (share * 100).quantize(Decimal("1"), rounding=ROUND_HALF_EVEN)
    return tuple((f"{description} ({percent}%)", to_cent(amount * share)) for description, amount in PROPOSAL_LINES)


def invoice_totals(amounts: tuple[Decimal, ...], rate: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """Q-14's order: each line rounded, the tax on their sum rounded on its own, the total their sum."""
    subtotal = sum((to_cent(a) for a in amounts), Decimal("0"))
    tax = to_cent(subtotal * rate)
    return subtotal, tax, subtotal + tax
