"""Delivery as a sequence on ONE project: redeliveries, the Q-24 state write, the one delivery invoice (Q-12)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from backend.services import billing, client_review
from backend.services.delivery import DeliveryGateError, package_delivery
from tests.characterization.builders import build_project

pytestmark = [pytest.mark.aicmo_evidence(module="delivery", suite="characterization"), pytest.mark.legacy_internals("client_review", "delivery", "billing", "domain")]


def _deliver(session, db_effects, project, rows, geography="UK"):
    """One delivery: its result (or error), the archive's digest and every row it wrote."""
    def action():
        try:
            return package_delivery(session, project.campaign, project.strategy, rows, project.calendar, geography, "out")
        except DeliveryGateError as exc:
            return {"error": str(exc)}

    result, effects = db_effects(action, session)
    archive = Path(result["path"]).read_bytes() if "path" in result else None
    return {
        "result": result,
        "archive_sha256": hashlib.sha256(archive).hexdigest() if archive else None,
        "effects": effects,
        "project_state": project.campaign.project_state,
    }


def test_deliver_unapproved_then_approved_then_in_e2e_mode(legacy_session, db_effects, fixed_clock, monkeypatch, snapshot_json):
    """L-21/L-22/Q-12: a skipped-gate delivery of nothing approved, approval, redelivery (no 2nd invoice), a third in E2E mode."""
    project = build_project(legacy_session, "complete_eu_full_funnel_leads")
    project.campaign.project_state = "QC_APPROVED"
    rows = project.creatives[:3]
    legacy_session.flush()  # the setup is not part of what the first delivery writes
    steps = {"unapproved": _deliver(legacy_session, db_effects, project, rows)}
    client_review.record_feedback(legacy_session, project.campaign, rows[:2], "approved")
    fixed_clock.tick(3600.5)
    steps["two_of_three_approved"] = _deliver(legacy_session, db_effects, project, rows)
    client_review.record_feedback(legacy_session, project.campaign, rows[2:], "approved")
    fixed_clock.tick(86400)
    steps["all_approved"] = _deliver(legacy_session, db_effects, project, rows)
    monkeypatch.setenv("AICMO_E2E_MODE", "1")
    steps["again_in_e2e_mode"] = _deliver(legacy_session, db_effects, project, rows)
    assert sorted(p.name for p in Path("out").iterdir()) == [steps["unapproved"]["result"]["file_name"]]  # overwritten
    invoices = billing.invoices_for(legacy_session, project.campaign.id)
    assert [i.kind for i in invoices] == ["delivery"]
    assert snapshot_json == steps


def test_a_qc_failed_project_delivered_twice(legacy_session, db_effects, monkeypatch, snapshot_json):
    """Q-24: the first skipped delivery writes DELIVERED over QC_FAILED; the second skips again (DELIVERED is not QC_APPROVED)."""
    project = build_project(legacy_session, "quick_social_in_sales")
    project.campaign.project_state = "QC_FAILED"
    client_review.record_feedback(legacy_session, project.campaign, project.creatives, "approved")  # flushes the state too
    steps = {"first": _deliver(legacy_session, db_effects, project, project.creatives, "IN")}
    steps["second"] = _deliver(legacy_session, db_effects, project, project.creatives, "IN")
    monkeypatch.setenv("AICMO_E2E_MODE", "1")
    steps["third_in_e2e_mode"] = _deliver(legacy_session, db_effects, project, project.creatives, "IN")
    assert [s["project_state"] for s in steps.values()] == ["DELIVERED", "DELIVERED", "DELIVERED"]
    assert snapshot_json == steps


def test_billing_first_then_delivery(legacy_session, db_effects, snapshot_json):
    """Q-12: when billing already issued the delivery invoice, the packager writes none (the geography of delivery is unused)."""
    project = build_project(legacy_session, "complete_in_strategy_awareness")
    project.campaign.project_state = "QC_APPROVED"
    client_review.record_feedback(legacy_session, project.campaign, project.creatives, "approved")
    _, issued = db_effects(lambda: billing.issue_billing(legacy_session, project.campaign, "IN", project.calendar[0].date), legacy_session)
    delivered = _deliver(legacy_session, db_effects, project, project.creatives, "UK")
    assert delivered["result"]["delivery_invoice_id"] is None
    assert snapshot_json == {"issued": issued, "delivered": delivered}
