"""Billing (spec section 8): proposal, tax, float rounding, invoices, payments, overdue."""
from __future__ import annotations

import itertools
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

import pytest

from aicmo.domain import ClientIntake
from backend.services import billing
from backend.services.onboarding import create_client

pytestmark = [pytest.mark.aicmo_evidence(module="billing", suite="characterization"), pytest.mark.legacy_internals("onboarding", "billing", "domain")]


def test_the_proposal(snapshot_json):
    """L-26: 15,000 + 10,000 + 25,000 = 50,000 USD, paid 50/25/25."""
    assert snapshot_json == billing.build_proposal()


def test_tax_rate_by_geography(snapshot_json):
    """L-27: UK 20%, EU 21%, IN 18%, trimmed and case-insensitive; anything else 0%."""
    geographies = ["UK", "uk", " UK ", "EU", "eu", "IN", "In", "US", "Canada", "United Kingdom", "GB", "", None]
    assert snapshot_json == {str(g): billing.tax_rate(g) for g in geographies}


def test_invoice_totals_against_exact_decimal_arithmetic(snapshot_json):
    """Q-14: rounded float lines + separately rounded tax, with where it differs from exact decimals."""
    table = {}
    line_sets = [[0.1, 0.2], [0.005, 0.015], [1.005, 2.675], [19.99, 0.01], [333.333, 333.333, 333.334], [7500.0, 5000.0, 12500.0], [0.125]]
    for lines, rate in itertools.product(line_sets, [0.0, 0.18, 0.20, 0.21]):
        subtotal, tax, total = billing.invoice_totals(lines, rate)
        exact_sub = sum(Decimal(str(a)).quantize(Decimal("0.01"), ROUND_HALF_EVEN) for a in lines)
        exact_total = exact_sub + (exact_sub * Decimal(str(rate))).quantize(Decimal("0.01"), ROUND_HALF_EVEN)
        table[f"{lines} @ {rate}"] = {
            "subtotal": subtotal, "tax": tax, "total": total,
            "float_total_repr": repr(total), "differs_from_exact": Decimal(repr(total)) != exact_total,
        }
    assert snapshot_json == table


@pytest.mark.parametrize("kind, geography", list(itertools.product(["signing", "delivery", "final"], ["UK", "EU", "IN", "US"])))
def test_an_invoice_per_kind_and_geography(kind, geography, snapshot_json):
    """L-26/L-27: lines at the milestone share, tax, totals, number, due in 15 days."""
    assert snapshot_json == billing.make_invoice("3f2b1c4d-aaaa-bbbb-cccc-000000000000", kind, geography, date(2026, 1, 15), "sent")


def _campaign(session, name: str = "Billing Client"):
    return create_client(session, ClientIntake(brand_name=name))


def test_issuing_billing_with_and_without_the_packager_invoice(legacy_session, db_effects, snapshot_json):
    """L-26: signing now, the delivery invoice left as found (Q-12), final scheduled at +30 days."""
    fresh = _campaign(legacy_session, "Fresh")
    packaged = _campaign(legacy_session, "Packaged")
    legacy_session.add(billing.make_invoice(packaged.id, "delivery", "UK", date(2026, 1, 10), "sent"))
    legacy_session.flush()
    _, fresh_effects = db_effects(lambda: billing.issue_billing(legacy_session, fresh, "EU", date(2026, 1, 20)), legacy_session)
    _, packaged_effects = db_effects(lambda: billing.issue_billing(legacy_session, packaged, "UK", date(2026, 1, 20)), legacy_session)
    _, again = db_effects(lambda: billing.issue_billing(legacy_session, fresh, "EU", date(2026, 1, 20)), legacy_session)
    assert snapshot_json == {"fresh": fresh_effects, "packaged": packaged_effects, "again": again}


def test_payments_partial_full_and_refused(legacy_session, fake_providers, snapshot_json):
    """L-28: a partial payment keeps it sent; the outstanding amount pays it; bad payments raise."""
    campaign = _campaign(legacy_session)
    invoice = billing.make_invoice(campaign.id, "signing", "UK", date.today(), "sent")
    legacy_session.add(invoice)
    legacy_session.flush()
    steps = []
    for amount in [0, -5, 10000.004, 30000, 19999.995, 0.01, 0.01, 5]:
        try:
            row = billing.record_payment(legacy_session, invoice.id, amount)
            steps.append({"amount": amount, "invoice": billing.to_invoice(row), "paid_at": row.paid_at})
        except billing.PaymentError as exc:
            steps.append({"amount": amount, "error": str(exc)})
    with pytest.raises(billing.PaymentError) as missing:
        billing.record_payment(legacy_session, "nope", 1)
    assert snapshot_json == {"steps": steps, "missing": str(missing.value), "recorded": fake_providers.payments.calls}


def test_overdue_and_the_billing_status(legacy_session, fixed_clock, snapshot_json):
    """L-27: overdue after the due date while unpaid; outstanding excludes scheduled invoices."""
    campaign = _campaign(legacy_session)
    billing.issue_billing(legacy_session, campaign, "IN", date(2026, 1, 1))
    statuses = {}
    for today in ["2026-01-15", "2026-01-16", "2026-01-17", "2026-02-15", "2026-03-01"]:
        statuses[today] = billing.billing_status(legacy_session, campaign.id, date.fromisoformat(today))
    fixed_clock.move_to("2026-03-01T00:00:00Z")
    statuses["clock 2026-03-01"] = billing.billing_status(legacy_session, campaign.id)
    assert snapshot_json == statuses
