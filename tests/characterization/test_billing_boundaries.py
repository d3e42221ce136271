"""Billing at its numeric edges: due and overdue days, clock instants, float rounding (Q-14), payment cut-offs."""
from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest

from aicmo.domain import ClientIntake
from backend.services import billing
from backend.services.onboarding import create_client
from tests.characterization.spec_rules import billing as spec

pytestmark = [pytest.mark.aicmo_evidence(module="billing", suite="characterization"), pytest.mark.legacy_internals("onboarding", "billing", "domain")]

CAMPAIGN = "0a1b2c3d-0000-4000-8000-000000000000"


def test_the_spec_constants_are_legacy_constants():
    """L-26/L-27/Q-14: the spec's proposal, schedule, tax rates, due and final delays are legacy's constants."""
    assert billing.CURRENCY == spec.CURRENCY
    assert billing.PROPOSAL_LINES == spec.PROPOSAL_LINES
    assert sum(a for _, a in billing.PROPOSAL_LINES) == spec.PROPOSAL_TOTAL
    assert billing.PAYMENT_SCHEDULE == spec.PAYMENT_SCHEDULE
    assert billing.TAX_RATES == spec.TAX_RATES
    assert billing.DUE_DAYS == spec.DUE_DAYS
    assert billing.FINAL_INVOICE_DELAY_DAYS == spec.FINAL_INVOICE_DELAY_DAYS


ISSUE_DATES = [date(2026, 1, 15), date(2026, 1, 31), date(2026, 2, 14), date(2028, 2, 14), date(2028, 2, 29), date(2026, 12, 20), date(2026, 3, 20)]


def test_due_exactly_fifteen_days_and_overdue_only_after(snapshot_json):
    """L-27: due = issue + 15 days (over month, leap-day and year ends); overdue the day AFTER the due date, never when paid."""
    table = {}
    for issue in ISSUE_DATES:
        invoice = billing.make_invoice(CAMPAIGN, "signing", "UK", issue, "sent")
        assert invoice.due_date == issue + timedelta(days=spec.DUE_DAYS)
        row = {"due": invoice.due_date}
        for name, offset in (("day_before_due", -1), ("on_due", 0), ("day_after_due", 1)):
            today = invoice.due_date + timedelta(days=offset)
            row[name] = {status: billing.is_overdue(_with_status(invoice, status), today) for status in ("sent", "scheduled", "paid", "")}
            assert row[name]["sent"] == (today > invoice.due_date)
        table[issue.isoformat()] = row
    assert snapshot_json == table


def _with_status(invoice, status):
    invoice.status = status
    return invoice


CLOCK_INSTANTS = [
    "2026-01-31T00:00:00Z",            # the due date's first instant
    "2026-01-31T00:00:00.000001Z",
    "2026-01-31T23:59:59.999999Z",     # the due date's last instant
    "2026-02-01T00:00:00Z",            # the day after: overdue
    "2026-02-01T00:00:00.5Z",
    "2026-02-01T01:30:00+02:00",       # 23:30 UTC on the due date: not overdue
    "2026-01-31T22:30:00-02:00",       # 00:30 UTC the day after: overdue
]


def test_overdue_by_the_clock_at_fractional_instants(legacy_session, fixed_clock, snapshot_json):
    """L-27: without a given day the clock's UTC date decides; fractional seconds and offsets around the due date."""
    campaign = create_client(legacy_session, ClientIntake(brand_name="Clocked"))
    invoice = billing.make_invoice(campaign.id, "signing", "EU", date(2026, 1, 16), "sent")
    legacy_session.add(invoice)
    legacy_session.flush()
    assert invoice.due_date == date(2026, 1, 31)
    table = {}
    for instant in CLOCK_INSTANTS:
        fixed_clock.move_to(instant)
        status = billing.billing_status(legacy_session, campaign.id)
        table[instant] = {"today": date.today(), "overdue": status["invoices"][0]["overdue"], "overdue_count": status["overdue_count"]}
    assert snapshot_json == table


def test_invoice_dates_at_a_fractional_instant(fixed_clock, snapshot_json):
    """L-26/L-27: an invoice made at 23:59:59.999999 UTC keeps its given issue date, is due 15 days on, and stamps created_at."""
    fixed_clock.move_to("2026-03-31T23:59:59.999999Z")
    invoices = {kind: billing.make_invoice(CAMPAIGN, kind, "IN", date.today(), "sent") for kind in ("signing", "delivery", "final")}
    assert snapshot_json == invoices


INEXACT = [0.1, 0.2, 0.3, 1.005, 2.675, 0.015, 0.005, 0.125, 0.045, 1.115, 8.345, 19.995, 0.285, 1000.005]
RATES = [0.0, 0.18, 0.20, 0.21]


def _half_up(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def _decimal_total(amounts: list[float], rate: float) -> Decimal:
    """What a person with a calculator gets: each written amount and the tax rounded half up."""
    subtotal = sum(_half_up(Decimal(repr(a))) for a in amounts)
    return subtotal + _half_up(subtotal * Decimal(repr(rate)))


def test_line_and_tax_rounding_of_binary_inexact_amounts(snapshot_json):
    """Q-14: round(x, 2) rounds the binary value (1.005 -> 1.0, 2.675 -> 2.67), sums stay float; where it differs from decimals."""
    table = {}
    line_sets = [[a] for a in INEXACT] + [[0.1, 0.2], [0.1, 0.2, 0.3], [0.3, 0.2, 0.1], [1.005, 1.005], [0.015, 0.015, 0.015], [19.995, 0.005]]
    for amounts, rate in itertools.product(line_sets, RATES):
        subtotal, tax, total = billing.invoice_totals(amounts, rate)
        assert total == subtotal + tax
        table[f"{amounts} @ {rate}"] = {
            "subtotal": repr(subtotal), "tax": repr(tax), "total": repr(total),
            "decimal_total": str(_decimal_total(amounts, rate)),
            "cents_off": str((Decimal(repr(round(total, 2))) - _decimal_total(amounts, rate)) * 100),
        }
    assert snapshot_json == table


def test_tax_exactly_on_half_a_cent(snapshot_json):
    """Q-14: taxes that are exactly half a cent in decimals round by their binary value, down or up; a 0.125 line rounds to 0.12 first."""
    table = {}
    for subtotal, rate in [(0.25, 0.18), (0.75, 0.18), (1.25, 0.18), (0.5, 0.21), (1.5, 0.21), (2.5, 0.21), (3.5, 0.21), (0.125, 0.2)]:
        _, tax, total = billing.invoice_totals([subtotal], rate)
        table[f"{subtotal} @ {rate}"] = {"exact_tax": str(Decimal(repr(subtotal)) * Decimal(repr(rate))), "tax": repr(tax), "total": repr(total)}
    assert snapshot_json == table


def test_payment_cut_offs_at_the_cent(legacy_session, snapshot_json):
    """L-28: a payment within half a cent of the outstanding amount pays it; half a cent over is refused; a non-positive one too."""
    campaign = create_client(legacy_session, ClientIntake(brand_name="Cut-offs"))
    table = {}
    outstanding = billing.make_invoice(campaign.id, "delivery", "EU", date(2026, 1, 15), "sent").total
    steps = {
        "exact": outstanding, "plus_0.004": outstanding + 0.004, "plus_0.005": outstanding + 0.005, "plus_0.01": outstanding + 0.01,
        "minus_0.004": outstanding - 0.004, "minus_0.005": outstanding - 0.005, "minus_0.01": outstanding - 0.01,
        "zero": 0.0, "negative_zero": -0.0, "negative_cent": -0.01, "tiny_positive": 1e-9, "sub_cent": 0.004, "half_cent": 0.005,
    }
    for name, amount in steps.items():
        invoice = billing.make_invoice(campaign.id, "delivery", "EU", date(2026, 1, 15), "sent")
        legacy_session.add(invoice)
        legacy_session.flush()
        try:
            row = billing.record_payment(legacy_session, invoice.id, amount)
            table[name] = {"amount": repr(amount), "status": row.status, "amount_paid": repr(row.amount_paid), "outstanding": repr(row.outstanding), "paid_at": row.paid_at}
        except billing.PaymentError as exc:
            table[name] = {"amount": repr(amount), "error": str(exc), "status": invoice.status, "outstanding": repr(invoice.outstanding)}
    assert snapshot_json == table
