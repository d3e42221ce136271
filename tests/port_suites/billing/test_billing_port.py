"""BillingPort contract: proposal, invoices with tax, milestones, payments, status."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from aicmo.billing.api import (
    BillingRequest,
    InvoiceNotFound,
    InvoiceRequest,
    InvoiceStatus,
    PaymentRejected,
    PaymentRequest,
)
from aicmo.onboarding.api import ClientNotFound
from tests.port_suites.builders import INTAKE, UNKNOWN, journey

pytestmark = pytest.mark.aicmo_evidence(module="billing", suite="contract")

TODAY = dt.date(2026, 1, 15)


@pytest.fixture
def project(ports):
    return ports.onboarding.onboard_client(INTAKE, "k1")


@pytest.fixture
def invoice(ports, project):
    return ports.billing.issue_invoice(InvoiceRequest(project=project, milestone="signing", issue_date=TODAY), "i1")


def pay(ports, invoice, amount: str, key: str):
    return ports.billing.record_payment(PaymentRequest(invoice_id=invoice.invoice_id, payment={"amount": amount, "currency": "USD"}), key)


def test_the_proposal_is_fifty_thousand_paid_fifty_twenty_five_twenty_five(ports, project):
    """Three lines, 50,000 in all, schedule 50/25/25 (L-26)."""
    proposal = ports.billing.issue_proposal(project.client_id, "p1")
    shares = [s.share for s in proposal.schedule]
    assert (Decimal("50000"), [Decimal("0.5"), Decimal("0.25"), Decimal("0.25")]) == (proposal.total, shares)


def test_a_proposal_for_an_unknown_client_is_refused(ports):
    """ClientNotFound for an unknown client."""
    with pytest.raises(ClientNotFound):
        ports.billing.issue_proposal(UNKNOWN, "p1")


def test_an_eu_invoice_carries_21_percent_tax_and_is_due_in_15_days(invoice):
    """Signing invoice: 25,000 plus 21% tax, due 15 days after issue (L-26, L-27)."""
    expected = (Decimal("25000"), Decimal("0.21"), Decimal("30250"), TODAY + dt.timedelta(days=15))
    assert expected == (invoice.subtotal, invoice.tax_rate, invoice.total, invoice.due_date)


def test_milestone_invoices_are_signing_delivery_and_a_scheduled_final(ports):
    """After a journey: signing and delivery sent, final scheduled 30 days on (L-26)."""
    status = journey(ports).billing
    kinds = {i.kind.value: i.status for i in status.invoices}
    assert {"signing": InvoiceStatus.SENT, "delivery": InvoiceStatus.SENT, "final": InvoiceStatus.SCHEDULED} == kinds


def test_a_partial_payment_keeps_the_invoice_sent(ports, invoice):
    """The rest stays outstanding (L-28)."""
    paid = pay(ports, invoice, "1000", "pay1")
    assert (InvoiceStatus.SENT, Decimal("29250")) == (paid.status, paid.outstanding)


def test_the_full_payment_marks_the_invoice_paid(ports, invoice):
    """Paying the outstanding amount pays the invoice (L-28)."""
    paid = pay(ports, invoice, "30250", "pay1")
    assert (InvoiceStatus.PAID, Decimal("0")) == (paid.status, paid.outstanding)


def test_a_payment_above_the_outstanding_is_rejected(ports, invoice):
    """PaymentRejected, and the invoice is unchanged."""
    with pytest.raises(PaymentRejected):
        pay(ports, invoice, "99999", "pay1")
    assert invoice == ports.billing.get_invoice(invoice.invoice_id)


def test_a_payment_on_an_unknown_invoice_is_not_found(ports):
    """InvoiceNotFound for an unknown invoice."""
    with pytest.raises(InvoiceNotFound):
        ports.billing.record_payment(PaymentRequest(invoice_id=UNKNOWN, payment={"amount": "1", "currency": "USD"}), "k")


def test_get_invoice_of_an_unknown_id_is_not_found(ports):
    """InvoiceNotFound for an unknown id."""
    with pytest.raises(InvoiceNotFound):
        ports.billing.get_invoice(UNKNOWN)


def test_the_status_counts_an_unpaid_invoice_overdue_after_its_due_date(ports, project, invoice):
    """Overdue the day after the due date, with its total outstanding."""
    status = ports.billing.get_billing_status(project.client_id, invoice.due_date + dt.timedelta(days=1))
    assert (1, Decimal("30250")) == (status.overdue_count, status.outstanding)


def test_milestone_invoices_are_not_issued_twice(ports):
    """Issuing the milestones again for a billed delivery leaves the three invoices as they were."""
    outcome = journey(ports)
    again = ports.billing.issue_milestone_invoices(BillingRequest(project=outcome.project, package=outcome.package), "again")
    assert outcome.billing.invoices == again.invoices


def test_an_invoice_replayed_under_its_key_is_issued_once(ports, project):
    """The delivery invoice is asked for under a key derived from the delivery: a replayed step issues nothing more."""
    request = InvoiceRequest(project=project, milestone="delivery", issue_date=TODAY)
    first = ports.billing.issue_invoice(request, "delivery-invoice:1")
    assert first == ports.billing.issue_invoice(request, "delivery-invoice:1")
    assert [first.invoice_id] == [i.invoice_id for i in ports.billing.get_billing_status(project.client_id, TODAY).invoices]


def test_the_milestone_step_leaves_a_delivery_invoice_already_issued(ports, project):
    """Whoever issued the delivery invoice, the milestone step finds it and leaves it (L-26): signing and final are added."""
    delivery = ports.billing.issue_invoice(InvoiceRequest(project=project, milestone="delivery", issue_date=TODAY), "delivery-invoice:1")
    delivered_at = dt.datetime(2026, 1, 15, 10, tzinfo=dt.timezone.utc)
    package = {"package_id": "11111111-1111-4111-8111-111111111111", "client_id": project.client_id, "file_name": "a.zip",
               "path": "out/a.zip", "manifest": {"files": [], "created_at": delivered_at}, "gate_skipped": False,
               "gate_problems": (), "delivered_creative_ids": (), "status": "delivered", "created_at": delivered_at}
    status = ports.billing.issue_milestone_invoices(BillingRequest(project=project, package=package), "billing")
    kinds = sorted(i.kind.value for i in status.invoices)
    assert (["delivery", "final", "signing"], delivery) == (kinds, next(i for i in status.invoices if i.kind.value == "delivery"))
