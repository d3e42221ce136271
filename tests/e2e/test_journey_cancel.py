"""`aicmo journeys cancel ID`: a journey called off has every completed step undone, the invoices included, once.

On SQLite and PostgreSQL, through the command as an operator runs it.
"""
from __future__ import annotations

import json

from sqlalchemy import create_engine, text

from aicmo.billing.api import PaymentRequest
from aicmo.orchestration import bootstrap
from tests.e2e.conftest import EXAMPLES

INTAKE = EXAMPLES / "intake_us_sales.json"


def states(url: str, client_id: str) -> dict[str, list[str]]:
    queries = {
        "project": "SELECT project_state FROM cam_campaigns WHERE id = :c",
        "creatives": "SELECT DISTINCT status FROM creative_assets WHERE campaign_id = :c",
        "invoices": "SELECT status FROM billing_invoices WHERE campaign_id = :c",
        "packages": "SELECT status FROM delivery_packages WHERE campaign_id = :c",
    }
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {name: sorted(connection.execute(text(q), {"c": client_id}).scalars()) for name, q in queries.items()}
    finally:
        engine.dispose()


def finished_journey(aicmo, url: str) -> tuple[str, dict]:
    ran = aicmo("run", INTAKE, "--database-url", url, "--out-dir", "out", "--json", "journey.json")
    assert 0 == ran.exit_code, ran.output
    journey_id = next(line.split()[1] for line in ran.stderr.splitlines() if line.startswith("journey "))
    with open("journey.json") as handle:
        return journey_id, json.load(handle)


def test_cancelling_a_delivered_journey_undoes_it_and_keeps_a_paid_invoice(aicmo, fresh_database_url, workdir):
    journey_id, result = finished_journey(aicmo, fresh_database_url)
    client_id = result["campaign"]["id"]
    ports = bootstrap.routed_ports(fresh_database_url)
    first = ports.billing.get_billing_status(client_id, __import__("datetime").date(2026, 1, 1)).invoices[0]
    ports.billing.record_payment(PaymentRequest(invoice_id=first.invoice_id,
                                                payment={"amount": str(first.outstanding), "currency": first.currency}), "pay")

    cancelled = aicmo("journeys", "cancel", journey_id, "--database-url", fresh_database_url, "--json")
    assert 0 == cancelled.exit_code, cancelled.output
    done = json.loads(cancelled.stdout)
    assert ["withdraw_package", "void_invoices", "void_result", "discard_creatives", "cancel_project"] == [c["action"] for c in done]
    assert [str(first.invoice_id)] == next(c for c in done if c["action"] == "void_invoices")["kept"]
    assert {"project": ["CANCELLED"], "creatives": ["DISCARDED"], "invoices": ["paid", "void", "void"],
            "packages": ["withdrawn"]} == states(fresh_database_url, client_id)
    assert [] == sorted(p.name for p in (workdir / "out").glob("*.zip"))

    again = aicmo("journeys", "cancel", journey_id, "--database-url", fresh_database_url, "--json")
    assert (0, done) == (again.exit_code, json.loads(again.stdout))  # the same cancellation, not a second one
    shown = json.loads(aicmo("journeys", "show", journey_id, "--database-url", fresh_database_url, "--json").stdout)
    assert ("SUCCESS", True) == (shown["status"], shown["cancelled"])
    assert 1 == sum(1 for s in shown["steps"] if s["name"] == "cancel: cam.cancel_project")
    listed = json.loads(aicmo("journeys", "list", "--database-url", fresh_database_url, "--json").stdout)
    assert [(journey_id, True)] == [(j["id"], j["cancelled"]) for j in listed]


def test_a_journey_that_failed_and_compensated_can_be_cancelled_without_undoing_twice(aicmo, fresh_database_url, monkeypatch):
    monkeypatch.setenv("AICMO_TEST_FAULT", "before:delivery.deliver_package")
    failed = aicmo("run", INTAKE, "--database-url", fresh_database_url, "--out-dir", "out")
    monkeypatch.delenv("AICMO_TEST_FAULT")
    assert 1 == failed.exit_code and "compensated: " in failed.stderr
    journey_id = next(line.split()[1] for line in failed.stderr.splitlines() if line.startswith("journey "))
    for status in ([], ["--status", "error"]):  # the list says why it failed, as show does
        listed = json.loads(aicmo("journeys", "list", *status, "--database-url", fresh_database_url, "--json").stdout)
        assert [("ERROR", "Summit Outdoor Co.")] == [(j["status"], j["brand"]) for j in listed]
        assert listed[0]["error"].startswith("JourneyCompensated: delivery.deliver_package failed (PlantedFault")

    cancelled = aicmo("journeys", "cancel", journey_id, "--database-url", fresh_database_url, "--json")
    assert 0 == cancelled.exit_code, cancelled.output
    # the same idempotency keys as the failed journey's own compensations: they answer as they did
    assert {"COMPENSATED", "NOTHING_TO_COMPENSATE"} >= {c["status"] for c in json.loads(cancelled.stdout)}
    shown = json.loads(aicmo("journeys", "show", journey_id, "--database-url", fresh_database_url, "--json").stdout)
    assert 1 == sum(1 for s in shown["steps"] if s["name"] == "cam.cancel_project")


def test_cancelling_an_unknown_journey_is_bad_input(aicmo, fresh_database_url):
    finished_journey(aicmo, fresh_database_url)
    unknown = aicmo("journeys", "cancel", "journey-nope-0", "--database-url", fresh_database_url)
    assert 2 == unknown.exit_code and "no journey journey-nope-0" in unknown.stderr
