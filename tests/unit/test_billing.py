"""Billing (spec section 8: L-26..L-28, Q-14)."""
from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from backend.db.models import InvoiceRow
from backend.services.billing import (
    billing_status,
    build_proposal,
    invoice_totals,
    is_overdue,
    issue_billing,
    make_invoice,
    record_payment,
    tax_rate,
)

pytestmark = [pytest.mark.usefixtures("legacy_env"), pytest.mark.legacy_internals("billing")]

ISSUE = date(2026, 1, 15)


# --- L-26 -------------------------------------------------------------------------------


def test_l26_proposal_lines_total_50000_usd():
    """Strategy 15,000 + Creative 10,000 + Campaign management 25,000 = 50,000 USD."""
    proposal = build_proposal()
    expected = [("Strategy", 15000.0), ("Creative", 10000.0), ("Campaign management", 25000.0)]
    assert expected == [(line["description"], line["amount"]) for line in proposal["lines"]]
    assert (50000.0, "USD") == (proposal["total"], proposal["currency"])


def test_l26_payment_schedule_50_25_25():
    """Paid 25,000 on signing, 12,500 on delivery and 12,500 thirty days after delivery."""
    schedule = build_proposal()["schedule"]
    assert [("signing", 25000.0), ("delivery", 12500.0), ("final", 12500.0)] == [(s["milestone"], s["amount"]) for s in schedule]


@freeze_time("2026-01-15T10:00:00Z")
def test_l26_billing_step_issues_signing_keeps_delivery_and_schedules_final(make_project):
    """Signing invoice sent today; the packager's delivery invoice left as found; final scheduled at delivery + 30 days."""
    project = make_project()
    session, campaign = project.session, project.campaign
    delivery = make_invoice(campaign.id, "delivery", "UK", date(2026, 1, 10), "sent")
    session.add(delivery)
    session.flush()
    rows = issue_billing(session, campaign, "UK", date(2026, 1, 10))
    by_kind = {r.kind: r for r in rows}
    assert ["delivery", "final", "signing"] == sorted(by_kind)
    assert (delivery.id, date(2026, 1, 10), "sent") == (
        by_kind["delivery"].id,
        by_kind["delivery"].issue_date,
        by_kind["delivery"].status,
    )
    assert (date(2026, 1, 15), "sent", 25000.0) == (
        by_kind["signing"].issue_date,
        by_kind["signing"].status,
        by_kind["signing"].subtotal,
    )
    assert (date(2026, 2, 9), "scheduled", 12500.0) == (
        by_kind["final"].issue_date,
        by_kind["final"].status,
        by_kind["final"].subtotal,
    )


def test_l26_billing_step_is_idempotent(make_project):
    """Running the billing step twice leaves three invoices."""
    project = make_project()
    issue_billing(project.session, project.campaign, "UK", ISSUE)
    issue_billing(project.session, project.campaign, "UK", ISSUE)
    assert 3 == len(list(project.session.scalars(select(InvoiceRow))))


# --- L-27 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "geography, rate", [("UK", 0.20), ("EU", 0.21), ("IN", 0.18), ("US", 0.0), ("", 0.0), (None, 0.0), ("Germany", 0.0)]
)
def test_l27_tax_by_geography(geography, rate):
    """Tax: UK 20%, EU 21%, IN 18%, anything else 0%."""
    assert rate == tax_rate(geography)


@pytest.mark.parametrize("geography, tax, total", [("UK", 5000.0, 30000.0), ("EU", 5250.0, 30250.0), ("IN", 4500.0, 29500.0), ("US", 0.0, 25000.0)])
def test_l27_signing_invoice_tax_and_total(geography, tax, total):
    """The 25,000 signing invoice carries the geography's tax."""
    invoice = make_invoice("c0ffee00-0000", "signing", geography, ISSUE, "sent")
    assert (25000.0, tax, total, total) == (invoice.subtotal, invoice.tax, invoice.total, invoice.outstanding)


def test_l27_invoice_due_15_days_after_issue():
    """An invoice issued 2026-01-15 is due 2026-01-30."""
    assert date(2026, 1, 30) == make_invoice("c0ffee00-0000", "signing", "UK", ISSUE, "sent").due_date


def test_l27_overdue_after_the_due_date_while_unpaid():
    """Not overdue on the due date, overdue the day after, never once paid."""
    invoice = make_invoice("c0ffee00-0000", "signing", "UK", ISSUE, "sent")
    assert (False, True) == (is_overdue(invoice, date(2026, 1, 30)), is_overdue(invoice, date(2026, 1, 31)))
    invoice.status = "paid"
    assert False is is_overdue(invoice, date(2026, 3, 1))


@freeze_time("2026-01-15T10:00:00Z")
def test_l27_billing_status_counts_overdue_invoices(make_project):
    """On 2026-02-01 the signing and delivery invoices issued 2026-01-15 are overdue; the scheduled final is not."""
    project = make_project()
    issue_billing(project.session, project.campaign, "UK", ISSUE)
    status = billing_status(project.session, project.campaign.id, today=date(2026, 2, 1))
    overdue = sorted(i["kind"] for i in status["invoices"] if i["overdue"])
    assert (["delivery", "signing"], 2) == (overdue, status["overdue_count"])


# --- Q-14 -------------------------------------------------------------------------------


def test_q14_lines_are_rounded_one_by_one_with_float_round():
    """Two lines of 1.005 are each rounded with round() to 1.0: subtotal 2.0, a cent below exact decimal 2.01."""
    subtotal, tax, total = invoice_totals([1.005, 1.005], 0.0)
    exact = (Decimal("1.005") * 2).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert (2.0, 0.0, 2.0) == (subtotal, tax, total)
    assert Decimal("2.01") == exact


def test_q14_tax_is_rounded_separately_and_added():
    """Subtotal 10.05 at 21%: tax round(2.1105, 2) = 2.11, total 12.16."""
    assert (10.05, 2.11, 12.16) == invoice_totals([10.05], 0.21)


def test_q14_amounts_are_floats():
    """Invoice amounts are floats, not Decimals."""
    invoice = make_invoice("c0ffee00-0000", "signing", "EU", ISSUE, "sent")
    assert {float} == {type(v) for v in (invoice.subtotal, invoice.tax, invoice.total)}


# --- L-28 -------------------------------------------------------------------------------


@freeze_time("2026-01-20T09:00:00Z")
def test_l28_full_payment_marks_the_invoice_paid(db):
    """Paying the outstanding 30,000 marks the invoice paid with nothing outstanding."""
    invoice = make_invoice("c0ffee00-0000", "signing", "UK", ISSUE, "sent")
    db.add(invoice)
    db.flush()
    paid = record_payment(db, invoice.id, 30000.0)
    assert ("paid", 0.0, 30000.0) == (paid.status, paid.outstanding, paid.amount_paid)
    assert "2026-01-20T09:00:00+00:00" == paid.paid_at.isoformat()


def test_l28_partial_payment_keeps_the_invoice_sent_with_the_rest_outstanding(db):
    """Paying 10,000 of 30,000 keeps it sent with 20,000 outstanding; paying the 20,000 then pays it."""
    invoice = make_invoice("c0ffee00-0000", "signing", "UK", ISSUE, "sent")
    db.add(invoice)
    db.flush()
    partial = record_payment(db, invoice.id, 10000.0)
    assert ("sent", 20000.0, 10000.0) == (partial.status, partial.outstanding, partial.amount_paid)
    final = record_payment(db, invoice.id, 20000.0)
    assert ("paid", 0.0, 30000.0) == (final.status, final.outstanding, final.amount_paid)
