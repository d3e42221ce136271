"""Keyed ACL commands are durable: a new process replaying one finds its earlier effect and does
not repeat it; a different request under the same key is a conflict; a crash between the
legacy effect and the commit leaves neither the effect nor the record. On SQLite and PostgreSQL.

"A new process" is simulated the way a restart sees the world: the legacy engine built again,
the adapters built again (nothing of the first run in memory).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from aicmo.billing.api import InvoiceRequest, Milestone, PaymentRequest
from aicmo.cam.api import AcquisitionCampaign, InboundReply, LeadProfile, OutreachBatch
from aicmo.onboarding.api import ClientIntake
from aicmo.orchestration import bootstrap
from aicmo.orchestration.acquisition import run_acquisition
from aicmo.orchestration.journey import run_client_journey
from aicmo.production.api import CreativeReviewMark
from aicmo.shared.errors import IdempotencyConflict
from aicmo.shared.money import Money

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
RECORDS = "strangler_idempotency"
LEADS = tuple(
    LeadProfile(name=f"Lead {n}", email=f"lead{n}@example-{n}.io", company=f"Co {n}", title="CMO",
                company_size="51-200", industry="software", country="US", decision_maker=True)
    for n in range(3)
)


def keyed_methods(adapter: Any) -> list[str]:
    """The adapter's state-changing methods: those that take an idempotency key."""
    return sorted(name for name, member in inspect.getmembers(type(adapter), inspect.isfunction)
                  if "idempotency_key" in inspect.signature(member).parameters)


@dataclasses.dataclass
class Call:
    module: str
    method: str
    args: tuple
    kwargs: dict
    result: Any


class Recording:
    """A port whose keyed calls are recorded with their arguments and results."""

    def __init__(self, module: str, port: Any, calls: list[Call]) -> None:
        self._module, self._port, self._calls = module, port, calls
        self._keyed = set(keyed_methods(port))

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._port, name)
        if name not in self._keyed:
            return attribute

        def call(*args: Any, **kwargs: Any) -> Any:
            result = attribute(*args, **kwargs)
            self._calls.append(Call(self._module, name, args, kwargs, result))
            return result

        return call


def restart(database) -> None:
    """What a new process starts from: legacy's engine built again, adapters new, nothing remembered.

    (The test's own engine stays: it keeps the shared in-memory SQLite database alive.)
    """
    from backend.db import session

    session.configure(database.url)


def row_counts(database) -> dict[str, int]:
    from backend.db.models import Base

    records = RECORDS if database.backend == "sqlite" else f"strangler.{RECORDS}"
    with database.engine.connect() as connection:
        counts = {t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in Base.metadata.tables}
        counts[RECORDS] = connection.execute(text(f"SELECT count(*) FROM {records}")).scalar_one()
    return counts


def files(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def first_run(legacy_database, database, tmp_path, monkeypatch) -> list[Call]:
    """A journey and an acquisition through recording legacy ports, plus the keyed commands they skip."""
    monkeypatch.chdir(tmp_path)
    for name in ("AICMO_E2E_MODE", "AICMO_REVIEW_CHANGE_SHARE", "AICMO_OUTPUT_DIR"):
        monkeypatch.delenv(name, raising=False)
    calls: list[Call] = []
    legacy = bootstrap.legacy_ports()
    ports = dataclasses.replace(legacy, **{f.name: Recording(f.name, getattr(legacy, f.name), calls)
                                           for f in dataclasses.fields(legacy)})
    intake = ClientIntake.model_validate(json.loads((EXAMPLES / "intake_us_sales.json").read_text()))
    outcome = run_client_journey(ports, intake, out_dir=str(tmp_path / "out"))
    replies = (InboundReply(email=LEADS[0].email, received_at=dt.datetime(2026, 1, 15, 11, 30, tzinfo=dt.timezone.utc),
                            body="Yes, sounds good. Can we set up a call next week?"),)
    acquired = run_acquisition(ports, AcquisitionCampaign(name="Durable"), LEADS, replies)
    # the commands neither flow takes, each on what the flows left
    client_id = outcome.project.client_id
    campaign_id = acquired.campaign.campaign_id
    ports.onboarding.add_project_note(client_id, "called the client", "note-1")
    ports.onboarding.record_skipped_gate_delivery(client_id, "skipped-gate-1")
    more = ports.cam.import_leads(campaign_id, (LeadProfile(name="Extra", email="extra@example.io", company="X",
                                                            title="CEO", country="US"),), "leads-1")
    ports.cam.qualify_leads(campaign_id, tuple(lead.lead_id for lead in more), "qualify-1")
    ports.cam.send_outreach(OutreachBatch(campaign_id=campaign_id, lead_ids=tuple(lead.lead_id for lead in more)), "send-1")
    ports.production.mark_delivered(outcome.creatives.creative_set_id, (), "delivered-1")
    ports.production.record_review(outcome.creatives.creative_set_id, (CreativeReviewMark(
        creative_id=outcome.creatives.creatives[0].creative_id, review_status="approved", review_notes="[approved]"),),
        "reviewed-1")
    ports.onboarding.record_client_rejection(client_id, "rejected-1")
    second = ports.strategy.draft_strategy(outcome.project, "draft-2")
    ports.strategy.reject_strategy(second.strategy_id, "too broad", "reject-2")
    ports.production.rewrite_creatives(outcome.creatives.creative_set_id, (outcome.creatives.creatives[0].creative_id,),
                                       outcome.drafted, "rewrite-2")
    invoice = ports.billing.issue_invoice(InvoiceRequest(project=outcome.project, milestone=Milestone.FINAL,
                                                         issue_date=dt.date(2026, 1, 20)), "invoice-1")
    ports.billing.record_payment(PaymentRequest(invoice_id=invoice.invoice_id,
                                                payment=Money(amount=Decimal("1"), currency=invoice.currency)), "payment-1")
    # the compensations, last step first, as a saga runs them
    ports.billing.void_invoices(client_id, "void-invoices-1")
    ports.delivery.withdraw_package(outcome.package.package_id, "withdraw-1")
    ports.client_review.withdraw_review(outcome.review.review_id, "withdraw-review-1")
    ports.qc.void_result(outcome.qc_rounds[-1].qc_result_id, "void-result-1")
    ports.production.discard_creatives(outcome.creatives.creative_set_id, "discard-1")
    ports.cam.cancel_project(client_id, "cancel-1")
    ports.onboarding.cancel_project(client_id, "cancel-2")  # what the composition root asks with cam on new
    return calls


def replay(database, calls: list[Call]) -> list[Any]:
    restart(database)
    fresh = bootstrap.legacy_ports()
    return [getattr(getattr(fresh, c.module), c.method)(*c.args, **c.kwargs) for c in calls]


def test_every_keyed_method_is_exercised(first_run):
    """The replay below covers every keyed method of every legacy adapter (a new one must join it)."""
    everything = {(m, name) for m in bootstrap.LEGACY_ADAPTERS for name in keyed_methods(bootstrap.legacy_adapter(m))}
    called = {(c.module, c.method) for c in first_run}
    missing = sorted(everything - called)
    assert missing == []


def test_a_new_process_replaying_every_keyed_call_repeats_no_effect(first_run, database, tmp_path):
    before, written = row_counts(database), files(tmp_path / "out")
    assert before[RECORDS] == len({(c.module, c.method, c.args[-1] if c.args else None) for c in first_run})

    replayed = replay(database, first_run)

    assert replayed == [c.result for c in first_run]  # the stored results, read back as the DTOs
    assert row_counts(database) == before  # no second invoice, project, package, lead...
    assert files(tmp_path / "out") == written  # the delivery zip is not written again


def test_without_the_records_a_new_process_repeats_the_effect(first_run, database, monkeypatch):
    """The protection removed (the process's memory only, as before): the replay onboards a second project."""
    monkeypatch.setattr("acl._support.idempotency._durable", lambda: False)
    before = row_counts(database)
    onboard = next(c for c in first_run if c.method == "onboard_client")
    replay(database, [onboard])
    assert row_counts(database)["cam_campaigns"] == before["cam_campaigns"] + 1


def test_the_same_key_for_another_request_is_a_conflict_and_writes_nothing(first_run, database):
    note = next(c for c in first_run if c.method == "add_project_note")
    before = row_counts(database)
    restart(database)
    with pytest.raises(IdempotencyConflict):
        bootstrap.legacy_ports().onboarding.add_project_note(note.args[0], "another note", note.args[-1])
    assert row_counts(database) == before


def test_a_crash_between_the_effect_and_the_commit_leaves_neither(first_run, database, monkeypatch):
    """Planted: the record's write fails after legacy made its rows; the new process then runs it once."""
    issue = next(c for c in first_run if c.method == "issue_milestone_invoices")
    key = "billing-after-crash"
    before = row_counts(database)

    def crash(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("planted crash before the commit")

    restart(database)
    with monkeypatch.context() as patched:
        patched.setattr("acl._support.idempotency.add_record", crash)
        with pytest.raises(RuntimeError, match="planted crash"):
            bootstrap.legacy_ports().billing.issue_milestone_invoices(issue.args[0], key)
    assert row_counts(database) == before  # neither the invoices nor the record

    restart(database)
    first = bootstrap.legacy_ports().billing.issue_milestone_invoices(issue.args[0], key)
    after = row_counts(database)
    restart(database)
    assert bootstrap.legacy_ports().billing.issue_milestone_invoices(issue.args[0], key) == first
    assert row_counts(database) == after and after[RECORDS] == before[RECORDS] + 1
