"""The operator journey (spec sections 0 and 12: L-08, L-09b, L-18b, L-20, L-26, Q-04, Q-24, Q-30)."""
from __future__ import annotations

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from aicmo.operator_services import run_client_journey
from backend.db.models import (
    CampaignRow,
    CreativeAssetRow,
    DeliveryPackageRow,
    InvoiceRow,
    ReportMetricRow,
    ReportSnapshotRow,
    RetentionAssessmentRow,
)
from backend.db.session import SessionLocal
from backend.services.delivery import DeliveryGateError

pytestmark = [pytest.mark.usefixtures("fresh_db"), pytest.mark.legacy_internals("delivery", "orchestration")]

FROZEN = "2026-01-15T10:00:00Z"


def _journey(intake, tmp_path):
    with freeze_time(FROZEN):
        return run_client_journey(intake, out_dir=str(tmp_path))


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


# --- L-09b / L-08 / Q-04 ----------------------------------------------------------------


def test_l09b_journey_walks_the_canonical_states(demo_intake, tmp_path):
    """INTAKE_COMPLETE, STRATEGY_GENERATED, STRATEGY_APPROVED, CAMPAIGN_DEFINED, CREATIVE_GENERATED, QC_APPROVED, DELIVERED."""
    result = _journey(demo_intake, tmp_path)
    expected = [
        "INTAKE_COMPLETE",
        "STRATEGY_GENERATED",
        "STRATEGY_APPROVED",
        "CAMPAIGN_DEFINED",
        "CREATIVE_GENERATED",
        "QC_APPROVED",
        "DELIVERED",
    ]
    assert expected == result["project_states"]
    assert ("DELIVERED", "APPROVED") == (result["campaign"]["project_state"], result["campaign"]["strategy_status"])


def test_l09b_journey_commits_the_final_state(demo_intake, tmp_path):
    """After the journey the stored project row is DELIVERED with the strategy APPROVED."""
    result = _journey(demo_intake, tmp_path)
    with SessionLocal() as session:
        row = session.get(CampaignRow, result["campaign"]["id"])
        assert ("DELIVERED", "APPROVED", "strategy_campaign") == (row.project_state, row.strategy_status, row.service_key)


def test_l08_q04_journey_auto_approves_and_stamps_the_description(demo_intake, tmp_path):
    """The demo auto-approves the strategy: the description ends with the approval stamp."""
    result = _journey(demo_intake, tmp_path)
    assert (
        "Client project for Northwind Coffee Roasters [Approved: 2026-01-15T10:00:00+00:00]"
        == result["campaign"]["description"]
    )
    assert ("APPROVED", []) == (result["strategy"]["status"], result["strategy"]["validation_errors"])


def test_journey_returns_a_summary_of_every_step(demo_intake, tmp_path):
    """The result has a key per step: campaign, brief, states, strategy, creatives, calendar, qc, review, delivery, billing, report, retention."""
    result = _journey(demo_intake, tmp_path)
    expected = {
        "campaign",
        "brief",
        "project_states",
        "strategy",
        "creatives",
        "calendar",
        "qc",
        "review",
        "delivery",
        "billing",
        "report",
        "retention",
    }
    assert expected <= set(result)
    assert (9, 7) == (len(result["creatives"]), len(result["calendar"]))
    assert (tmp_path / "northwind-coffee-roasters.zip").is_file()


# --- L-18b ------------------------------------------------------------------------------


def test_l18b_failing_creatives_are_rewritten_once_and_the_second_verdict_stands(fake_llm, demo_intake, tmp_path):
    """Nine captions with a banned claim fail QC; one rewrite each fixes them; the project ends QC_APPROVED."""
    provider = fake_llm({"caption": lambda ctx: f"Guaranteed fresh coffee from {ctx['brand_name']} on {ctx['platform']}."})
    result = _journey(demo_intake, tmp_path)
    qc = result["qc"]
    assert ["QC_FAILED", "QC_APPROVED"] == [r["verdict"] for r in qc["rounds"]]
    assert "QC_APPROVED" == qc["verdict"]
    assert 9 == len(qc["rewritten_creative_ids"])
    assert 9 == len(provider.calls_for("rewrite"))
    assert {1} == {c["revision"] for c in result["creatives"]}
    assert ["CREATIVE_GENERATED", "QC_FAILED", "QC_APPROVED", "DELIVERED"] == result["project_states"][4:]


def test_l18b_only_the_failing_creatives_are_rewritten(fake_llm, demo_intake, tmp_path):
    """Only the Twitter captions carry a banned claim: three rewrites, the six others keep revision 0."""

    def caption(ctx):
        claim = " Risk-free." if ctx["platform"] == "Twitter" else ""
        return f"Fresh single-origin coffee from {ctx['brand_name']} delivered weekly.{claim}"

    provider = fake_llm({"caption": caption})
    result = _journey(demo_intake, tmp_path)
    assert 3 == len(provider.calls_for("rewrite"))
    assert [0] * 6 + [1] * 3 == [c["revision"] for c in result["creatives"]]


def test_l18b_a_second_failed_verdict_stands(fake_llm, demo_intake, tmp_path):
    """When the rewrite fails QC again there is no third round: the verdict stays QC_FAILED."""
    provider = fake_llm(
        {
            "caption": lambda ctx: f"Guaranteed coffee from {ctx['brand_name']}, every week.",
            "rewrite": lambda ctx: f"100% better coffee from {ctx['brand_name']}, every week.",
        }
    )
    result = _journey(demo_intake, tmp_path)
    assert ["QC_FAILED", "QC_FAILED"] == [r["verdict"] for r in result["qc"]["rounds"]]
    assert 9 == len(provider.calls_for("rewrite"))
    assert "QC_FAILED" == result["project_states"][5]
    assert "QC_APPROVED" not in result["project_states"]


def test_l18b_calendar_is_rebuilt_unchanged_in_the_rewrite_round(demo_intake, tmp_path):
    """A quick_social journey fails QC on the calendar, and its rebuilt calendar fails again the same way."""
    result = _journey({**demo_intake, "pack": "quick_social"}, tmp_path)
    rounds = result["qc"]["rounds"]
    assert [0.8, 0.8] == [r["calendar"]["duplicate_hook_share"] for r in rounds]
    assert ([], "QC_FAILED") == (result["qc"]["rewritten_creative_ids"], result["qc"]["verdict"])


# --- Q-24 -------------------------------------------------------------------------------


def test_q24_quick_social_journey_ends_delivered_despite_qc_failed(demo_intake, tmp_path):
    """The QC_FAILED quick_social project is delivered (gate skipped) and stored DELIVERED, with no error."""
    result = _journey({**demo_intake, "pack": "quick_social"}, tmp_path)
    assert ["QC_FAILED", "DELIVERED"] == result["project_states"][-2:]
    assert (True, "DELIVERED") == (result["delivery"]["gate_skipped"], result["campaign"]["project_state"])
    with SessionLocal() as session:
        assert "DELIVERED" == session.get(CampaignRow, result["campaign"]["id"]).project_state


# --- section 12: simulated client review (L-20) -----------------------------------------


def test_l20_changes_requesting_client_asks_once_with_two_changes(demo_intake, tmp_path):
    """'Delta' (hash bucket 24 < 25) requests two changes (high + medium = 2.5 h) once, then approves."""
    result = _journey({**demo_intake, "brand_name": "Delta"}, tmp_path)
    rounds = result["review"]["rounds"]
    assert ["changes_requested", "approved"] == [r["decision"] for r in rounds]
    assert 2.5 == rounds[0]["revision_plan"]["estimated_hours"]
    assert "approved" == result["review"]["final_status"]
    assert [] == [u for u in result["retention"]["upsell"] if u["kind"] == "add_channel"]


def test_l31_first_round_approval_in_the_journey_offers_add_channel(demo_intake, tmp_path):
    """Northwind approves in one round: the retention assessment offers add_channel 10,000."""
    result = _journey(demo_intake, tmp_path)
    assert 1 == len(result["review"]["rounds"])
    assert {"kind": "add_channel", "value": 10000.0} in result["retention"]["upsell"]


# --- L-26 in the journey ----------------------------------------------------------------


def test_l26_journey_bills_signing_delivery_and_scheduled_final(demo_intake, tmp_path):
    """UK client: signing 30,000 and delivery 15,000 sent, final 15,000 scheduled for 2026-02-14; 45,000 outstanding."""
    result = _journey(demo_intake, tmp_path)
    invoices = {i["kind"]: i for i in result["billing"]["invoices"]}
    assert {"signing", "delivery", "final"} == set(invoices)
    assert (30000.0, "sent") == (invoices["signing"]["total"], invoices["signing"]["status"])
    assert (15000.0, "sent", result["delivery"]["delivery_invoice_id"]) == (
        invoices["delivery"]["total"],
        invoices["delivery"]["status"],
        invoices["delivery"]["id"],
    )
    assert (15000.0, "scheduled", "2026-02-14") == (
        invoices["final"]["total"],
        invoices["final"]["status"],
        invoices["final"]["issue_date"],
    )
    assert 45000.0 == result["billing"]["outstanding"]


# --- Q-30 -------------------------------------------------------------------------------


def _assert_partial_rows_after_production():
    with SessionLocal() as session:
        campaigns = list(session.scalars(select(CampaignRow)))
        creatives = list(session.scalars(select(CreativeAssetRow)))
        assert [("CREATIVE_GENERATED", "APPROVED")] == [(c.project_state, c.strategy_status) for c in campaigns]
        assert 9 == len(creatives)
        assert [None] * 9 == [c.qc_score for c in creatives]
        assert [None] * 9 == [c.review_status for c in creatives]
        assert [0, 0, 0, 0, 0] == [
            _count(session, m)
            for m in (InvoiceRow, DeliveryPackageRow, ReportMetricRow, ReportSnapshotRow, RetentionAssessmentRow)
        ]


def test_q30_failure_in_qc_leaves_the_rows_of_the_second_commit(demo_intake, tmp_path, monkeypatch):
    """QC raising after the production commit leaves the project CREATIVE_GENERATED with its 9 creatives."""

    def broken(*args, **kwargs):
        raise RuntimeError("QC service down")

    monkeypatch.setattr("aicmo.operator_services.evaluate_project", broken)
    with pytest.raises(RuntimeError, match="QC service down"):
        _journey(demo_intake, tmp_path)
    _assert_partial_rows_after_production()
    assert [] == list(tmp_path.iterdir())


def test_q30_delivery_gate_failure_rolls_back_only_to_the_second_commit(demo_intake, tmp_path, monkeypatch):
    """In E2E mode a quick_social journey stops at the delivery gate: QC results, review and invoices are gone, production rows stay."""
    monkeypatch.setenv("AICMO_E2E_MODE", "1")
    with pytest.raises(DeliveryGateError):
        _journey({**demo_intake, "pack": "quick_social"}, tmp_path)
    _assert_partial_rows_after_production()
    assert [] == list(tmp_path.iterdir())
