"""Billing as sequences on ONE invoice or ONE campaign: payments in a row, and the invoice schedule over time."""
from __future__ import annotations

from datetime import date

import pytest

from aicmo.domain import ClientIntake
from backend.services import billing
from backend.services.delivery import package_delivery
from backend.services.onboarding import create_client
from tests.characterization.builders import build_project

pytestmark = [pytest.mark.aicmo_evidence(module="billing", suite="characterization"), pytest.mark.legacy_internals("onboarding", "delivery", "billing", "domain")]


def _invoice(session, kind: str = "signing", geography: str = "UK"):
    campaign = create_client(session, ClientIntake(brand_name=f"Payer {kind} {geography}"))
    invoice = billing.make_invoice(campaign.id, kind, geography, date(2026, 1, 15), "sent")
    session.add(invoice)
    session.flush()
    return invoice


def _pay_in_turn(session, db_effects, fixed_clock, invoice, amounts) -> list[dict]:
    """Each payment in turn (a second apart): the invoice after it, or the refusal, and the columns it changed."""
    steps = []
    for amount in amounts:
        fixed_clock.tick(1.25)

        def pay(a=amount):
            try:
                return billing.to_invoice(billing.record_payment(session, invoice.id, a))
            except billing.PaymentError as exc:
                return {"error": str(exc)}

        result, effects = db_effects(pay, session)
        steps.append({"amount": repr(amount), "result": result, "paid_at": invoice.paid_at, "effects": effects})
    return steps


def test_a_tenth_then_two_tenths_then_the_rest(legacy_session, db_effects, fixed_clock, snapshot_json):
    """L-28/Q-14: 0.1 then 0.2 keep it sent (paid 0.3, rounded), the rest (29999.7) pays it."""
    invoice = _invoice(legacy_session)
    steps = _pay_in_turn(legacy_session, db_effects, fixed_clock, invoice, [0.1, 0.2, invoice.total - 0.1 - 0.2])
    assert [s["result"].status for s in steps] == ["sent", "sent", "paid"]
    assert snapshot_json == steps


def test_partial_partial_exact_remainder_then_more(legacy_session, db_effects, fixed_clock, snapshot_json):
    """L-28: two partials, the exact remainder pays, then any payment after paid is refused."""
    invoice = _invoice(legacy_session, "delivery", "EU")
    steps = _pay_in_turn(legacy_session, db_effects, fixed_clock, invoice, [5000.33, 5000.33, 5124.34, 0.01, 5124.34])
    assert [s["result"]["error"] if isinstance(s["result"], dict) else s["result"].status for s in steps][2:] == [
        "paid", f"invoice {invoice.number} is already paid", f"invoice {invoice.number} is already paid",
    ]
    assert snapshot_json == steps


def test_an_overpayment_between_partials(legacy_session, db_effects, fixed_clock, snapshot_json):
    """L-28: an overpayment is refused and changes nothing; later partials and the remainder still work."""
    invoice = _invoice(legacy_session, "final", "IN")
    steps = _pay_in_turn(legacy_session, db_effects, fixed_clock, invoice, [1000.0, 99999.0, 13750.01, 13749.99, 0.01, 0.01])
    assert snapshot_json == steps


def test_ten_payments_of_a_tenth(legacy_session, db_effects, fixed_clock, snapshot_json):
    """Q-14/L-28: ten 0.1 payments add up to exactly 1.0 paid because every step is rounded to cents."""
    invoice = _invoice(legacy_session, "delivery", "US")
    steps = _pay_in_turn(legacy_session, db_effects, fixed_clock, invoice, [0.1] * 10)
    assert invoice.amount_paid == 1.0 and invoice.outstanding == 12499.0
    assert snapshot_json == [{"amount_paid": repr(s["result"].amount_paid), "outstanding": repr(s["result"].outstanding)} for s in steps]


def test_sub_cent_payments_in_a_row(legacy_session, db_effects, fixed_clock, snapshot_json):
    """L-28/Q-14: 0.004 is accepted but records nothing; two 0.005 payments record 0.01 each yet leave the outstanding unchanged."""
    invoice = _invoice(legacy_session, "signing", "US")
    steps = _pay_in_turn(legacy_session, db_effects, fixed_clock, invoice, [0.004, 0.004, 0.005, 0.005])
    assert snapshot_json == steps


def test_the_invoice_schedule_over_time(legacy_session, db_effects, fixed_clock, snapshot_json):
    """L-26/L-27: packager's delivery invoice, then signing and a scheduled final (+30 d); status, overdue and payments over 50 days."""
    project = build_project(legacy_session, "complete_uk_strategy_sales")
    project.campaign.project_state = "QC_APPROVED"
    legacy_session.flush()
    campaign = project.campaign
    timeline = {}

    def status(label: str) -> None:
        timeline[label] = {"today": date.today(), **billing.billing_status(legacy_session, campaign.id)}

    _, timeline["0 delivery"] = db_effects(
        lambda: package_delivery(legacy_session, campaign, project.strategy, [], project.calendar, "UK", "out"), legacy_session
    )
    fixed_clock.tick(86400 * 2 + 0.5)
    _, timeline["2 issue billing"] = db_effects(lambda: billing.issue_billing(legacy_session, campaign, "UK", date(2026, 1, 15)), legacy_session)
    status("2 status")
    invoices = {i.kind: i for i in billing.invoices_for(legacy_session, campaign.id)}
    for day, label in [("2026-01-30T23:59:59.999999Z", "15 due day"), ("2026-01-31T00:00:00Z", "16 day after due")]:
        fixed_clock.move_to(day)
        status(label)
    billing.record_payment(legacy_session, invoices["signing"].id, invoices["signing"].outstanding)
    billing.record_payment(legacy_session, invoices["delivery"].id, 1000.0)
    status("16 signing paid, delivery partly")
    fixed_clock.move_to("2026-03-01T23:59:59Z")
    status("45 final due day")
    fixed_clock.move_to("2026-03-02T00:00:01Z")
    status("46 final overdue while scheduled")
    billing.record_payment(legacy_session, invoices["final"].id, 0.1)
    status("46 a tenth paid on the scheduled final")
    _, timeline["46 issue billing again"] = db_effects(lambda: billing.issue_billing(legacy_session, campaign, "UK", date.today()), legacy_session)
    assert [i.kind for i in billing.invoices_for(legacy_session, campaign.id)] == ["delivery", "signing", "final"]
    assert snapshot_json == timeline


def test_billing_issued_on_the_delivery_day(legacy_session, db_effects, snapshot_json):
    """L-26: signing and delivery invoices of the same day come back delivery first (by kind), then the final one; the call returns them."""
    campaign = create_client(legacy_session, ClientIntake(brand_name="Same Day"))
    returned, effects = db_effects(lambda: billing.issue_billing(legacy_session, campaign, "EU", date.today()), legacy_session)
    assert [i.kind for i in returned] == ["delivery", "signing", "final"]
    assert returned == billing.invoices_for(legacy_session, campaign.id)
    assert snapshot_json == {"returned": returned, "effects": effects}
