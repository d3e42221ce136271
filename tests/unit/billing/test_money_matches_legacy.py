"""Differential: billing's Decimal money against legacy's floats (Q-14), on random payment sequences and amounts.

The largest difference is the tests' asserted bound: none at all (== 0) on every invoice the
port can issue, whatever the geography and the sequence of payments in cents; on arbitrary line
amounts, only where an exact value lies on a half cent (the declared divergence
`exact_decimal_cents`), by at most a cent per line, and on the tax a cent plus the rate's share
of the subtotal's difference; elsewhere the same cents.
"""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicmo.billing.internal.model import PaymentRefused, new_invoice
from aicmo.billing.internal.money import CENT, TAX_RATES, invoice_totals, tax_rate
from backend.services import billing as legacy

pytestmark = pytest.mark.legacy_internals("billing")

RULES = settings(max_examples=300, derandomize=True, database=None, deadline=None)
NOW = dt.datetime(2026, 1, 15, 12, tzinfo=dt.timezone.utc)
CLIENT = "9450d573-0000-4000-8000-000000000000"
geographies = st.one_of(st.sampled_from(["UK", "eu", " IN ", "US", "", "uk ", "Eu"]), st.none(), st.text(max_size=4))
milestones = st.sampled_from(["signing", "delivery", "final"])
# payments in cents, from a cent to above a whole invoice, so sequences pay in part, in full and too much
cents = st.integers(min_value=-100, max_value=4_000_000).map(lambda c: Decimal(c) / 100)


def figure(value: float) -> Decimal:
    """A legacy float as the DTOs read it: through its shortest repr."""
    return Decimal(repr(value))


class OneInvoice:
    """What legacy's record_payment asks of a session, holding one invoice row."""

    def __init__(self, row) -> None:
        self.row = row

    def get(self, model, invoice_id):
        return self.row if invoice_id == self.row.id else None

    def flush(self) -> None:
        pass


_FIGURES = ("subtotal", "tax_rate", "tax", "total", "amount_paid", "outstanding")


def largest_difference(row, record) -> Decimal:
    differences = [abs(figure(getattr(row, name)) - getattr(record, name)) for name in _FIGURES]
    lines = zip((line["amount"] for line in json.loads(row.lines_json)), (a for _, a in record.lines))
    differences += [abs(figure(old) - new) for old, new in lines]
    return max(differences)


@RULES
@given(milestones, geographies, st.lists(cents, max_size=6))
def test_every_issuable_invoice_and_payment_sequence_gives_legacys_cents_exactly(kind, geography, payments):
    """Largest difference 0: the figures, the status and every refusal, payment after payment."""
    row = legacy.make_invoice(CLIENT, kind, geography, NOW.date(), "sent")
    record = new_invoice(row.id, CLIENT, kind, geography, NOW.date(), "sent", NOW)
    assert Decimal(0) == largest_difference(row, record)
    described = [line["description"] for line in json.loads(row.lines_json)]
    assert (row.number, row.due_date, described) == (record.number, record.due_date, [d for d, _ in record.lines])
    session = OneInvoice(row)
    for amount in payments:
        try:
            legacy.record_payment(session, row.id, float(amount))
            refused = None
        except legacy.PaymentError as exc:
            refused = str(exc)
        try:
            record = record.paid(amount, NOW)
            assert refused is None, refused
        except PaymentRefused as exc:
            assert str(exc) == refused
        assert (row.status, Decimal(0)) == (record.status, largest_difference(row, record))


@RULES
@given(geographies)
def test_the_tax_rate_by_geography_is_legacys(geography):
    assert figure(legacy.tax_rate(geography)) == tax_rate(geography)


def on_half_cent(value: Decimal) -> bool:
    return (value / CENT) % 1 == Decimal("0.5")


@RULES
@given(st.lists(st.decimals(min_value=0, max_value=100_000, places=3), min_size=1, max_size=4),
       st.sampled_from([Decimal(0), *TAX_RATES.values()]))
def test_arbitrary_amounts_differ_only_on_a_half_cent_and_by_at_most_a_cent_a_figure(amounts, rate):
    """Same cents unless a line, or the subtotal times the rate, lies exactly on a half cent (exact_decimal_cents)."""
    old = legacy.invoice_totals([float(a) for a in amounts], float(rate))
    new = invoice_totals(tuple(amounts), rate)
    differences = [abs(figure(o) - n) for o, n in zip(old, new)]
    tied = any(on_half_cent(a) for a in amounts) or on_half_cent(new[0] * rate)
    if not tied:
        # a float sum may keep a binary artefact (0.30000000000000004); the cents are the same
        assert [figure(o).quantize(CENT) for o in old] == list(new)
        assert max(differences) < Decimal("1e-6")
    # subtotal: a cent per line; tax: a cent of its own plus the rate's share of the subtotal's; total: their sum
    subtotal_bound = CENT * len(amounts)
    assert differences[0] <= subtotal_bound + Decimal("1e-6")
    assert differences[1] <= CENT + subtotal_bound * rate + Decimal("1e-6")
    assert differences[2] <= differences[0] + differences[1] + Decimal("1e-6")


def test_the_declared_divergence_on_a_half_cent():
    """2.675 is 2.67499999... as a float: legacy rounds it down, the exact decimal rounds half to even, up."""
    assert (2.67, Decimal("2.68")) == (legacy.invoice_totals([2.675], 0.0)[0], invoice_totals((Decimal("2.675"),), Decimal(0))[0])
