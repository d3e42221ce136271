"""The new billing over its own tables, and its legacy view of billing_invoices.

The delivery invoice is issued once per delivery (its key) however often the step replays, and
the milestone step finds it and leaves it whoever issued it: billing itself, or legacy's
packager (Q-12) whose row billing adopts from its legacy view. The view is billing_invoices as
legacy wrote it; a sync lost after billing's commit is repaired; the bare new billing never
writes legacy's table, and its guarded session refuses to.
"""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import text

from aicmo.billing.api import BillingRequest, InvoiceRequest, InvoiceStatus, Milestone, PaymentRejected, PaymentRequest
from aicmo.billing.internal import descriptor
from aicmo.billing.internal.divergences import DATES_ON_UTC_DATE, EXACT_DECIMAL_CENTS
from aicmo.billing.internal.unit_of_work import BillingUnitOfWork
from aicmo.orchestration import bootstrap
from aicmo.orchestration.journey import run_client_journey
from aicmo.shared.clock import FixedClock
from aicmo.shared.errors import IdempotencyConflict
from aicmo.shared.persistence.guard import OwnershipViolation
from aicmo.shared.persistence.module_session import module_sessionmaker
from aicmo.shared.persistence.ownership import owner_of
from tests.new_paths import ports_with_new_billing
from tests.port_suites.builders import INTAKE, NOW

DELIVERED = dt.datetime(2026, 1, 20, 9, tzinfo=dt.timezone.utc)


@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for name in ("AICMO_E2E_MODE", "AICMO_REVIEW_CHANGE_SHARE", "AICMO_OUTPUT_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def legacy(legacy_database, seeded_ids):
    return bootstrap.legacy_ports()


@pytest.fixture
def billing(database, legacy):
    return descriptor.build_billing(database.engine, FixedClock(NOW), {"onboarding": legacy.onboarding})


@pytest.fixture
def project(legacy):
    return legacy.onboarding.onboard_client(INTAKE, "k1")


def events(database) -> list[str]:
    with BillingUnitOfWork(module_sessionmaker("billing", database.engine)) as uow:
        return [row.event_type for row in uow.outbox.pending()]


def legacy_invoices(database) -> list[dict]:
    with database.engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM billing_invoices ORDER BY issue_date, kind")).mappings()
        return [dict(row) for row in rows]


def test_the_delivery_invoice_is_issued_once_per_delivery_and_the_milestones_leave_it(billing, project, seeded_ids, database):
    """The delivery's key makes one invoice (one uuid4 drawn, one event); the milestone step issues the other two."""
    request = InvoiceRequest(project=project, milestone=Milestone.DELIVERY, issue_date=DELIVERED.date())
    drawn = len(seeded_ids.issued)
    first = billing.issue_invoice(request, "delivery-invoice:package-1")
    assert first == billing.issue_invoice(request, "delivery-invoice:package-1")
    assert 1 == len(seeded_ids.issued) - drawn
    with pytest.raises(IdempotencyConflict):
        billing.issue_invoice(request.model_copy(update={"issue_date": NOW.date()}), "delivery-invoice:package-1")
    package = {"package_id": "11111111-1111-4111-8111-111111111111", "client_id": project.client_id, "file_name": "a.zip", "path": "out/a.zip",
               "manifest": {"files": [], "created_at": DELIVERED}, "gate_skipped": False, "gate_problems": (),
               "delivered_creative_ids": (), "status": "delivered", "created_at": DELIVERED}
    status = billing.issue_milestone_invoices(BillingRequest(project=project, package=package), "billing")
    by_kind = {i.kind: i for i in status.invoices}
    assert (first.invoice_id, 3) == (by_kind[Milestone.DELIVERY].invoice_id, len(status.invoices))
    assert InvoiceStatus.SCHEDULED is by_kind[Milestone.FINAL].status
    assert DELIVERED.date() + dt.timedelta(days=30) == by_kind[Milestone.FINAL].issue_date
    assert ["InvoiceIssued"] * 3 == events(database)
    assert [] == legacy_invoices(database)  # the bare new billing leaves legacy's table alone


def test_payments_answer_as_legacy_and_raise_their_events(billing, project, database):
    """A part leaves the invoice sent, the rest pays it; a payment on a paid invoice is refused with legacy's words."""
    invoice = billing.issue_invoice(InvoiceRequest(project=project, milestone="signing", issue_date=NOW.date()), "i1")
    part = billing.record_payment(PaymentRequest(invoice_id=invoice.invoice_id, payment={"amount": "250.25", "currency": "USD"}), "p1")
    assert (InvoiceStatus.SENT, "29999.75", "250.25") == (part.status, str(part.outstanding), str(part.amount_paid))
    rest = billing.record_payment(PaymentRequest(invoice_id=invoice.invoice_id, payment={"amount": "29999.75", "currency": "USD"}), "p2")
    assert (InvoiceStatus.PAID, "0.0", NOW) == (rest.status, str(rest.outstanding), rest.paid_at)
    with pytest.raises(PaymentRejected, match=f"invoice {invoice.number} is already paid"):
        billing.record_payment(PaymentRequest(invoice_id=invoice.invoice_id, payment={"amount": "1", "currency": "USD"}), "p3")
    assert ["InvoiceIssued", "PaymentRecorded", "PaymentRecorded", "InvoicePaid"] == events(database)


def test_the_packagers_delivery_invoice_is_adopted_once_and_left(env, database, legacy_database, seeded_ids, fixed_clock):
    """Delivery on legacy writes its invoice into billing_invoices (Q-12): billing takes it over and issues no other."""
    ports = ports_with_new_billing(database.url)
    outcome = run_client_journey(ports, INTAKE, out_dir="out")
    rows = legacy_invoices(database)
    delivery_rows = [r for r in rows if r["kind"] == "delivery"]
    assert 1 == len(delivery_rows)
    ours = {str(i.invoice_id) for i in outcome.billing.invoices}
    assert {r["id"] for r in rows} == ours and delivery_rows[0]["id"] in ours
    with database.engine.connect() as connection:
        adopted = connection.execute(text("SELECT count(*) FROM billing.billing_inbox" if database.url.startswith("postgres")
                                          else "SELECT count(*) FROM billing_inbox")).scalar()
    assert 1 == adopted
    ports.billing.get_billing_status(outcome.project.client_id, NOW.date())  # seen again: not adopted twice
    with database.engine.connect() as connection:
        again = connection.execute(text("SELECT count(*) FROM billing.billing_inbox" if database.url.startswith("postgres")
                                        else "SELECT count(*) FROM billing_inbox")).scalar()
    assert 1 == again


def test_a_lost_sync_is_written_again(env, database, legacy_database, seeded_ids, fixed_clock):
    """A row missing, with a column only billing writes changed, or still in the state before billing's last change
    (a sync lost after billing committed) is put back from billing's record, not taken in."""
    ports = ports_with_new_billing(database.url)
    outcome = run_client_journey(ports, INTAKE, out_dir="out")
    signing = next(i for i in outcome.billing.invoices if i.kind is Milestone.SIGNING)
    ports.billing.record_payment(PaymentRequest(invoice_id=signing.invoice_id, payment={"amount": "100", "currency": "USD"}), "p1")
    before = legacy_invoices(database)
    paid = next(r for r in before if r["kind"] == "signing")
    final = next(r for r in before if r["kind"] == "final")
    delivery = next(r for r in before if r["kind"] == "delivery")
    with database.engine.begin() as connection:
        # the signing row as it was before the payment: the payment's sync was lost
        connection.execute(text("UPDATE billing_invoices SET amount_paid = 0.0, outstanding = :total WHERE id = :id"),
                           {"id": paid["id"], "total": paid["total"]})
        connection.execute(text("UPDATE billing_invoices SET total = 1.0 WHERE id = :id"), {"id": delivery["id"]})
        connection.execute(text("DELETE FROM billing_invoices WHERE id = :id"), {"id": final["id"]})
    ports.billing.get_billing_status(outcome.project.client_id, NOW.date())
    assert before == legacy_invoices(database)
    assert "100.0" == str(ports.billing.get_invoice(signing.invoice_id).amount_paid)


def test_a_legacy_payment_on_the_view_is_absorbed_once(env, database, legacy_database, seeded_ids, fixed_clock):
    """Legacy billing paying on the row (a rollback to legacy) is taken in by billing, once, not overwritten."""
    ports = ports_with_new_billing(database.url)
    outcome = run_client_journey(ports, INTAKE, out_dir="out")
    delivery = next(i for i in outcome.billing.invoices if i.kind is Milestone.DELIVERY)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE billing_invoices SET status = 'paid', amount_paid = total, outstanding = 0.0, "
                                "paid_at = :at WHERE id = :id"), {"id": str(delivery.invoice_id), "at": NOW})
    absorbed = ports.billing.get_invoice(delivery.invoice_id)
    assert (InvoiceStatus.PAID, delivery.total, NOW) == (absorbed.status, absorbed.amount_paid, absorbed.paid_at)
    with pytest.raises(PaymentRejected, match="already paid"):
        ports.billing.record_payment(PaymentRequest(invoice_id=delivery.invoice_id, payment={"amount": "1", "currency": "USD"}), "p")
    ports.billing.get_billing_status(outcome.project.client_id, NOW.date())
    assert 1 == events(database).count("InvoicePaid")


def test_voiding_reaches_the_legacy_view(env, database, legacy_database, seeded_ids, fixed_clock):
    """The compensation's void invoices read as void, nothing outstanding, in billing_invoices too."""
    ports = ports_with_new_billing(database.url)
    outcome = run_client_journey(ports, INTAKE, out_dir="out")
    result = ports.billing.void_invoices(outcome.project.client_id, "void")
    rows = legacy_invoices(database)
    assert sorted(result.undone) == sorted(r["id"] for r in rows)
    assert ({"void"}, {0.0}) == ({r["status"] for r in rows}, {r["outstanding"] for r in rows})
    assert json.loads(rows[0]["lines_json"])[0]["amount"] > 0  # the lines stay


def test_billing_owns_its_tables_and_its_session_may_not_write_legacys(database):
    """The four tables are billing's; a billing session writing another module's table is refused before the database."""
    tables = ("billing_invoice_records", "billing_commands", "billing_outbox", "billing_inbox")
    assert ["billing"] * 4 == [owner_of(t) for t in tables]
    with BillingUnitOfWork(module_sessionmaker("billing", database.engine)) as uow:
        with pytest.raises(OwnershipViolation):
            uow.session.execute(text("UPDATE creative_assets SET status = 'DELIVERED'"))


def test_the_descriptor_declares_what_it_explains():
    """Each name explain gives is declared with its reason; a diff outside them stays unexplained."""
    explain = descriptor.DESCRIPTOR.explain
    assert DATES_ON_UTC_DATE == explain([{"path": "invoices[0].issue_date"}, {"path": "invoices[0].due_date"}])
    assert explain([{"path": "invoices[0].total"}]) is None
    assert {DATES_ON_UTC_DATE, EXACT_DECIMAL_CENTS} == set(descriptor.DESCRIPTOR.divergences)
    assert frozenset({"issue_proposal"}) == descriptor.DESCRIPTOR.shadowed


def test_a_step_legacy_answered_before_the_route_changed_is_answered_as_legacy_did(env, database, legacy_database, seeded_ids,
                                                                                   fixed_clock):
    """A journey in flight: the payment legacy recorded under its key is not paid again on the new route."""
    legacy = bootstrap.legacy_ports()
    project = legacy.onboarding.onboard_client(INTAKE, "k1")
    invoice = legacy.billing.issue_invoice(InvoiceRequest(project=project, milestone="signing", issue_date=NOW.date()), "i1")
    payment = PaymentRequest(invoice_id=invoice.invoice_id, payment={"amount": "100", "currency": "USD"})
    first = legacy.billing.record_payment(payment, "pay")
    ports = ports_with_new_billing(database.url)
    assert first == ports.billing.record_payment(payment, "pay")
    assert "100.0" == str(ports.billing.get_invoice(invoice.invoice_id).amount_paid)  # adopted as legacy left it, paid once
    with pytest.raises(IdempotencyConflict):
        ports.billing.record_payment(payment.model_copy(update={"payment": {"amount": "5", "currency": "USD"}}), "pay")
