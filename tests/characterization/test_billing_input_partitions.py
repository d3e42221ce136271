"""Billing over its input space: geographies, invoice kinds, campaign ids, odd payment amounts and ids."""
from __future__ import annotations

import json
import math
from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from aicmo.domain import ClientIntake
from backend.services import billing
from backend.services.onboarding import create_client
from tests.characterization.spec_rules import billing as spec

pytestmark = [pytest.mark.aicmo_evidence(module="billing", suite="characterization"), pytest.mark.legacy_internals("onboarding", "billing", "domain")]

GEOGRAPHIES = [
    "UK", "uk", "Uk", " UK ", "\tUK\n", "\u00a0UK\u00a0", "\u200bUK", "\uff35\uff2b", "U.K.", "United Kingdom", "GB", "England",
    "EU", "eu", " eU", "Europe", "European Union", "DE",
    "IN", "in", "\u0131n", "India", "IND",
    "US", "USA", "Canada", "", " ", "\n", None, "UK,EU", "UK EU",
]


def test_tax_by_every_spelling_of_a_geography(snapshot_json):
    """L-27: strip() then upper(), so padding (NBSP too), case and a dotless 'ın' reach UK/EU/IN; names, aliases, fullwidth do not."""
    table = {}
    for geography in GEOGRAPHIES:
        rate = billing.tax_rate(geography)
        invoice = billing.make_invoice("c0ffee00-1111-4222-8333-444455556666", "signing", geography, date(2026, 1, 15), "sent")
        key = (geography or "").strip().upper()
        assert rate == spec.TAX_RATES.get(key, spec.OTHER_TAX_RATE)
        table[repr(geography)] = {"rate": rate, "tax": invoice.tax, "total": invoice.total, "tax_rate_column": invoice.tax_rate}
    assert snapshot_json == table


def test_invoice_kinds_and_numbers(snapshot_json):
    """L-26: a known kind gives its share's lines and an INV-<first 8 of the id, upper>-<kind[:3], upper> number; others raise KeyError."""
    table = {}
    for campaign_id, kind in [
        ("abc", "signing"), ("3f2b1c4d-aaaa", "delivery"), ("éßø-1234-5678", "final"), ("", "signing"), ("ABCDEFGHIJ", "final"),
        ("x", "Signing"), ("x", " signing"), ("x", ""), ("x", "deposit"),
    ]:
        try:
            invoice = billing.make_invoice(campaign_id, kind, "EU", date(2026, 1, 15), "draft")
            table[f"{campaign_id!r} {kind!r}"] = {"number": invoice.number, "lines": invoice.lines_json, "total": invoice.total, "status": invoice.status}
        except KeyError as exc:
            table[f"{campaign_id!r} {kind!r}"] = {"error": repr(exc)}
    assert snapshot_json == table


def test_the_proposal_and_schedule_from_the_spec(snapshot_json):
    """L-26: the proposal's schedule amounts are total x share; a whole schedule's subtotals add up to the proposal."""
    proposal = billing.build_proposal()
    assert proposal["total"] == spec.PROPOSAL_TOTAL
    assert [s["amount"] for s in proposal["schedule"]] == [spec.PROPOSAL_TOTAL * share for _, share in spec.PAYMENT_SCHEDULE]
    subtotals = [billing.make_invoice("c", kind, None, date(2026, 1, 15), "sent").subtotal for kind, _ in spec.PAYMENT_SCHEDULE]
    assert sum(subtotals) == spec.PROPOSAL_TOTAL
    assert snapshot_json == {"proposal": proposal, "subtotals": subtotals}


def test_odd_payment_amounts_and_ids(legacy_session, snapshot_json):
    """L-28: infinity and text are refused, a missing or empty id is 'not found', several problems report the first; NaN fails at the flush."""
    campaign = create_client(legacy_session, ClientIntake(brand_name="Odd Payer"))
    table = {}
    for name, amount in {"inf": math.inf, "minus_inf": -math.inf, "text": "10", "int": 10, "bool": True}.items():
        invoice = billing.make_invoice(campaign.id, "signing", "UK", date(2026, 1, 15), "sent")
        legacy_session.add(invoice)
        legacy_session.flush()
        try:
            row = billing.record_payment(legacy_session, invoice.id, amount)
            table[name] = {"status": row.status, "amount_paid": repr(row.amount_paid), "outstanding": repr(row.outstanding)}
        except (billing.PaymentError, TypeError) as exc:
            table[name] = {"error": f"{type(exc).__name__}: {exc}", "outstanding": repr(invoice.outstanding)}
    for invoice_id in ["", "missing", " " + invoice.id, invoice.id.upper()]:
        with pytest.raises(billing.PaymentError) as missing:
            billing.record_payment(legacy_session, invoice_id, 1.0)
        table[f"id {invoice_id!r}"] = str(missing.value)
    paid = billing.make_invoice(campaign.id, "final", "UK", date(2026, 1, 15), "sent")
    legacy_session.add(paid)
    legacy_session.flush()
    billing.record_payment(legacy_session, paid.id, paid.total)
    for name, (invoice_id, amount) in {
        "missing and negative": ("missing", -1.0), "paid and negative": (paid.id, -1.0), "paid and too much": (paid.id, 1e9),
    }.items():
        with pytest.raises(billing.PaymentError) as several:  # several problems: the first check that fails speaks
            billing.record_payment(legacy_session, invoice_id, amount)
        table[name] = str(several.value)
    invoice = billing.make_invoice(campaign.id, "signing", "UK", date(2026, 1, 15), "sent")
    legacy_session.add(invoice)
    legacy_session.flush()
    with pytest.raises(IntegrityError) as poisoned:  # SQLite stores NaN as NULL in NOT NULL columns
        billing.record_payment(legacy_session, invoice.id, math.nan)
    legacy_session.rollback()
    table["nan"] = str(poisoned.value.orig)
    assert snapshot_json == table


def test_billing_of_every_geography_partition(legacy_session, snapshot_json):
    """L-26/L-27: issue_billing writes three invoices at the geography's rate; the status sums outstanding without the scheduled one."""
    table = {}
    for geography in ["uk ", "Eu", "\u0131n", "United Kingdom", None]:
        campaign = create_client(legacy_session, ClientIntake(brand_name=f"Geo {geography!r}"))
        billing.issue_billing(legacy_session, campaign, geography, date(2026, 1, 20))
        status = billing.billing_status(legacy_session, campaign.id, date(2026, 2, 5))
        assert json.loads(json.dumps(status)) == status  # plain JSON data: dates as ISO text
        table[repr(geography)] = status
    assert snapshot_json == table
