"""void_invoices: billing's compensation of the milestone invoices (the journey's pivot)."""
from __future__ import annotations

import datetime as dt

import pytest

from aicmo.billing.api import InvoiceStatus, PaymentRequest
from aicmo.shared.compensation import CompensationStatus
from tests.port_suites.builders import UNKNOWN

pytestmark = pytest.mark.aicmo_evidence(module="billing", suite="contract")


def test_voided_invoices_owe_nothing(ports, outcome):
    """Every unpaid invoice is void, nothing is outstanding, and the numbers stay."""
    client_id = outcome.project.client_id
    result = ports.billing.void_invoices(client_id, "void")
    status = ports.billing.get_billing_status(client_id, dt.date(2026, 1, 15))
    assert CompensationStatus.COMPENSATED is result.status
    assert sorted(str(i.invoice_id) for i in status.invoices) == sorted(result.undone)
    assert ({InvoiceStatus.VOID}, 0) == ({i.status for i in status.invoices}, status.outstanding)
    assert [i.number for i in outcome.billing.invoices] == [i.number for i in status.invoices]


def test_a_paid_invoice_is_kept_and_named(ports, outcome):
    """Money received is not undone: the paid invoice stays paid and is named in `kept`."""
    paid = next(i for i in outcome.billing.invoices if i.status is InvoiceStatus.SENT)
    ports.billing.record_payment(PaymentRequest(invoice_id=paid.invoice_id, payment={"amount": str(paid.outstanding), "currency": paid.currency}), "pay")
    result = ports.billing.void_invoices(outcome.project.client_id, "void")
    assert ((str(paid.invoice_id),), InvoiceStatus.PAID) == (result.kept, ports.billing.get_invoice(paid.invoice_id).status)
    assert str(paid.invoice_id) not in result.undone


def test_voiding_twice_voids_once(ports, outcome):
    """The same key answers as the first call; another key finds them ALREADY_COMPENSATED."""
    client_id = outcome.project.client_id
    first = ports.billing.void_invoices(client_id, "void")
    assert first == ports.billing.void_invoices(client_id, "void")
    assert CompensationStatus.ALREADY_COMPENSATED is ports.billing.void_invoices(client_id, "void-again").status


def test_voiding_the_invoices_of_an_unknown_client_is_a_no_op(ports):
    """A client never invoiced: NOTHING_TO_COMPENSATE, not an error."""
    assert CompensationStatus.NOTHING_TO_COMPENSATE is ports.billing.void_invoices(UNKNOWN, "void").status
