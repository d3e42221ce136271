"""The new delivery: its own tables only, packages never overwriting another client's, the invoice issued once by billing."""
from __future__ import annotations

import hashlib
import os

import pytest
from sqlalchemy import text

from aicmo.billing.api import Milestone
from aicmo.delivery.api import PackageStatus
from aicmo.delivery.internal.divergences import UNIQUE_PACKAGE_NAME, explain, legacy_archive_name
from aicmo.onboarding.api import IllegalStateTransition, ProjectState
from aicmo.orchestration import bootstrap
from aicmo.orchestration import delivery_effects
from aicmo.orchestration.journey import run_client_journey
from aicmo.production.api import CreativeStatus
from aicmo.shared.persistence.guard import OwnershipViolation
from tests.characterization import corpus
from tests.new_paths import ports_with_new_delivery
from tests.port_suites.builders import INTAKE
from tests.port_suites.delivery.test_delivery_port import request_for


@pytest.fixture
def prepared(database, legacy_database, seeded_ids, tmp_path, monkeypatch, request):
    """Runs inside an empty working folder with the legacy gate settings cleared; the clock frozen last."""
    monkeypatch.chdir(tmp_path)
    for name in ("AICMO_E2E_MODE", "AICMO_REVIEW_CHANGE_SHARE", "AICMO_OUTPUT_DIR"):
        monkeypatch.delenv(name, raising=False)
    return database


def _new(database):
    ports = ports_with_new_delivery(database.url)
    return ports


def _digest(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def _delivery_invoices(ports, client_id):
    import datetime as dt

    status = ports.billing.get_billing_status(client_id, dt.date(2026, 1, 15))
    return [i for i in status.invoices if i.kind is Milestone.DELIVERY]


def test_clients_whose_names_slugify_alike_get_two_packages_both_intact(prepared, request):
    """"A/B Corp" and "a-b corp" slugify alike: legacy writes one out/a-b-corp.zip twice (pinned by
    test_delivery_zip.py); the new delivery writes two files, each the project's own, both intact."""
    ports = _new(prepared)
    request.getfixturevalue("fixed_clock")
    first = run_client_journey(ports, INTAKE.model_copy(update={"brand_name": "A/B Corp"}), out_dir="out")
    first_digest = _digest(first.package.path)
    second = run_client_journey(ports, INTAKE.model_copy(update={"brand_name": "a-b corp"}), out_dir="out")
    assert first.package.path != second.package.path
    assert sorted(os.listdir("out")) == sorted([first.package.file_name, second.package.file_name])
    assert first_digest == _digest(first.package.path)  # not overwritten by the second client's
    for outcome in (first, second):
        assert outcome.package.file_name == f"a-b-corp-{outcome.project.client_id}.zip"
        assert legacy_archive_name(outcome.package.file_name) == "a-b-corp.zip"


def _without_invoices(ports, database, request):
    """A journey's project, its creatives and review, and no invoice yet: as a client stands at delivery."""
    request.getfixturevalue("fixed_clock")
    outcome = run_client_journey(ports, INTAKE, out_dir="out")
    with database.engine.begin() as connection:
        connection.execute(text("DELETE FROM billing_invoices WHERE campaign_id = :c"), {"c": str(outcome.project.client_id)})
    return outcome


@pytest.mark.parametrize("crash", ["before billing answered", "after billing committed"])
def test_a_delivery_replayed_after_a_crash_issues_its_invoice_once(prepared, request, monkeypatch, crash):
    """The step fails around billing's call; replayed under its key it answers the same package and the
    client ends with one delivery invoice, issued by billing; a third run changes nothing."""
    ports = _new(prepared)
    outcome = _without_invoices(ports, prepared, request)
    issue = ports.billing.issue_invoice
    calls = []

    def failing_once(invoice_request, key):
        calls.append(key)
        if len(calls) == 1:
            if crash == "after billing committed":
                issue(invoice_request, key)
            raise RuntimeError("the process died")
        return issue(invoice_request, key)

    monkeypatch.setattr(ports.billing, "issue_invoice", failing_once)
    deliver = request_for(ports, outcome, "QC_APPROVED")
    with pytest.raises(RuntimeError):
        ports.delivery.deliver_package(deliver, "deliver")
    package = ports.delivery.deliver_package(deliver, "deliver")
    assert package == ports.delivery.deliver_package(deliver, "deliver")
    (invoice,) = _delivery_invoices(ports, outcome.project.client_id)
    assert (Milestone.DELIVERY, "sent") == (invoice.kind, invoice.status.value)
    # the first call's key, derived from the package, is the one any retry used
    assert set(calls) == {delivery_effects.effect_key(package.package_id, "invoice")}


@pytest.mark.parametrize("derived", [True, False], ids=["key derived from the package", "planted: a fresh key per run"])
def test_the_invoice_key_alone_keeps_a_replay_to_one_invoice(prepared, request, monkeypatch, derived):
    """With billing's look for an existing invoice planted away, the derived key is what keeps it once: a fresh key
    per run (the planted fault) issues a second invoice."""
    ports = _new(prepared)
    outcome = _without_invoices(ports, prepared, request)
    status = ports.billing.get_billing_status
    monkeypatch.setattr(ports.billing, "get_billing_status",
                        lambda client_id, as_of: status(client_id, as_of).model_copy(update={"invoices": ()}))
    if not derived:
        runs = iter(range(100))
        monkeypatch.setattr(delivery_effects, "effect_key", lambda package_id, effect: f"delivery:{package_id}:{effect}:{next(runs)}")
    deliver = request_for(ports, outcome, "QC_APPROVED")
    ports.delivery.deliver_package(deliver, "deliver")
    ports.delivery.deliver_package(deliver, "deliver")
    monkeypatch.undo()  # billing's own answer again
    assert (1 if derived else 2) == len(_delivery_invoices(ports, outcome.project.client_id))


def test_the_bare_new_delivery_writes_no_other_modules_rows(prepared, request):
    """Without its owners' effects a delivery leaves no delivery_packages row, no invoice, no creative DELIVERED."""
    ports = ports_with_new_delivery(prepared.url, legacy_view=False)
    request.getfixturevalue("fixed_clock")
    outcome = run_client_journey(ports, INTAKE, out_dir="out")
    ports.billing.void_invoices(outcome.project.client_id, "void")
    with prepared.engine.connect() as connection:
        invoices = connection.scalar(text("SELECT count(*) FROM billing_invoices"))
    package = ports.delivery.deliver_package(request_for(ports, outcome, "QC_APPROVED"), "bare")
    with prepared.engine.connect() as connection:
        assert (0, invoices) == (connection.scalar(text("SELECT count(*) FROM delivery_packages")),
                                 connection.scalar(text("SELECT count(*) FROM billing_invoices")))
    produced = ports.production.get_creative_set(outcome.creatives.creative_set_id)
    assert package.delivered_creative_ids
    assert CreativeStatus.DELIVERED not in {c.status for c in produced.creatives}


@pytest.mark.parametrize("table", ["billing_invoices", "creative_assets", "cam_campaigns"])
def test_the_new_delivery_cannot_write_another_modules_table(prepared, table):
    """Its session is guarded: the tables legacy's packager wrote (Q-12, Q-24) are refused."""
    from aicmo.delivery.internal.unit_of_work import DeliveryUnitOfWork
    from aicmo.shared.persistence.module_session import module_sessionmaker

    engine = bootstrap.prepare_database(prepared.url, upgrade=True)
    with pytest.raises(OwnershipViolation):
        with DeliveryUnitOfWork(module_sessionmaker("delivery", engine)).for_writing() as uow:
            uow.session.execute(text(f"UPDATE {table} SET id = id WHERE 1 = 0"))


def _qc_failing_intake(ports):
    return ports.onboarding.read_intake_request(corpus.intake("alias_brand_audience_goal"))  # fails QC twice


def test_past_a_skipped_gate_a_qc_failed_project_is_delivered_by_onboarding(prepared, request):
    """Q-24 through onboarding's port: a QC_FAILED project delivered past the gate ends DELIVERED, the
    creatives DELIVERED through production's port."""
    ports = _new(prepared)
    request.getfixturevalue("fixed_clock")
    outcome = run_client_journey(ports, _qc_failing_intake(ports), out_dir="out")
    assert (True, "QC_FAILED") == (outcome.package.gate_skipped, outcome.project_states[-2])
    assert ProjectState.DELIVERED is ports.onboarding.get_project(outcome.project.client_id).state
    delivered = {str(c.creative_id) for c in outcome.creatives.creatives if c.status is CreativeStatus.DELIVERED}
    assert delivered == set(map(str, outcome.package.delivered_creative_ids))


def test_without_the_owners_effects_a_qc_failed_journey_cannot_finish(prepared, request):
    """Planted: the bare new delivery asks onboarding nothing, and the machine refuses QC_FAILED -> DELIVERED."""
    ports = ports_with_new_delivery(prepared.url, legacy_view=False)
    request.getfixturevalue("fixed_clock")
    with pytest.raises(IllegalStateTransition):
        run_client_journey(ports, _qc_failing_intake(ports), out_dir="out")


def test_the_divergence_explains_only_the_renamed_archive():
    """file_name and path that are legacy's plus the project id are explained; anything else is not."""
    client = "68a9844f-5cc6-4d7c-be6d-97c6569c174f"
    renamed = [{"path": "file_name", "legacy": "a-b.zip", "new": f"a-b-{client}.zip"},
               {"path": "path", "legacy": "out/a-b.zip", "new": f"out/a-b-{client}.zip"}]
    assert UNIQUE_PACKAGE_NAME == explain(renamed)
    assert explain(renamed + [{"path": "gate_skipped", "legacy": False, "new": True}]) is None
    assert explain([{"path": "file_name", "legacy": "c-d.zip", "new": f"a-b-{client}.zip"}]) is None
    assert explain([{"path": "path", "legacy": "out/a-b.zip", "new": f"elsewhere/a-b-{client}.zip"}]) is None
    assert explain([]) is None


def test_withdrawing_on_the_new_path_marks_the_legacy_view(prepared, request):
    """The withdrawal reaches delivery_packages too: status withdrawn, the aside path."""
    ports = _new(prepared)
    request.getfixturevalue("fixed_clock")
    outcome = run_client_journey(ports, INTAKE, out_dir="out")
    ports.delivery.withdraw_package(outcome.package.package_id, "withdraw")
    with prepared.engine.connect() as connection:
        status, path = connection.execute(text("SELECT status, path FROM delivery_packages WHERE id = :id"),
                                          {"id": str(outcome.package.package_id)}).one()
    assert (PackageStatus.WITHDRAWN.value, ports.delivery.get_package(outcome.package.package_id).path) == (status, path)


def test_the_shadow_candidate_writes_no_file_and_draws_no_id(prepared, request, seeded_ids):
    """Built on a connection (a shadow run), the delivery writes nothing to disk and leaves the id sequence alone."""
    from aicmo.delivery.internal.descriptor import build_delivery
    from aicmo.shared.clock import SystemClock

    ports = _new(prepared)
    request.getfixturevalue("fixed_clock")
    outcome = run_client_journey(ports, INTAKE, out_dir="out")
    before, files = len(seeded_ids.issued), sorted(os.listdir("out"))
    engine = bootstrap.prepare_database(prepared.url, upgrade=True)
    with engine.connect() as connection:
        transaction = connection.begin()
        candidate = build_delivery(connection, SystemClock(), {"production": ports.production})
        package = candidate.deliver_package(request_for(ports, outcome, "QC_APPROVED").model_copy(update={"out_dir": "shadow-out"}), "shadowed")
        transaction.rollback()
    assert (before, files, False) == (len(seeded_ids.issued), sorted(os.listdir("out")), os.path.exists("shadow-out"))
    assert package.file_name == outcome.package.file_name
