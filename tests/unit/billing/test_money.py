"""Billing's money rules on their own: figures printed as legacy's floats, half-even cents, tax by geography."""
from __future__ import annotations

from decimal import Decimal

import pytest

from aicmo.billing.internal.money import as_figure, invoice_lines, invoice_totals, tax_rate, to_cent


@pytest.mark.parametrize(("amount", "printed"), [
    ("25000.00", "25000.0"), ("0", "0.0"), ("0.00", "0.0"), ("7500.50", "7500.5"), ("0.21", "0.21"), ("1E+1", "10.0"),
    ("30249.75", "30249.75"),
])
def test_a_figure_is_printed_as_legacy_s_float(amount, printed):
    assert printed == str(as_figure(Decimal(amount)))
    assert Decimal(amount) == as_figure(Decimal(amount))  # the same value, only its form changes


def test_cents_round_half_to_even_on_the_exact_value():
    assert [Decimal("2.68"), Decimal("2.62"), Decimal("0.01")] == [to_cent(Decimal(v)) for v in ("2.675", "2.625", "0.0051")]


def test_the_milestones_lines_and_totals_are_legacy_s_l26_l27():
    """Signing: half of each line; EU adds 21% on the subtotal; anything unknown is untaxed."""
    lines = invoice_lines("signing")
    assert [("Strategy (50%)", Decimal("7500.00")), ("Creative (50%)", Decimal("5000.00")),
            ("Campaign management (50%)", Decimal("12500.00"))] == list(lines)
    assert ["Strategy (25%)"] == [d for d, _ in invoice_lines("final")][:1]
    assert (Decimal("25000.00"), Decimal("5250.00"), Decimal("30250.00")) == invoice_totals(tuple(a for _, a in lines), tax_rate(" eu "))
    assert (Decimal("0"), Decimal("0.20")) == (tax_rate("Mars"), tax_rate("uk"))
