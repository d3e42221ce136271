"""Which legacy tables each entry point writes, and which columns (the evidence of spec section 11)."""
from __future__ import annotations

import pytest

from datetime import date, datetime, timezone

from aicmo.domain import ClientIntake
from aicmo.operator_services import (
    approve_strategy,
    reject_strategy,
    run_acquisition,
    run_client_journey,
)
from backend.db.models import LeadRow
from backend.services import billing, client_review
from backend.services.cam.conversion import convert_reply
from backend.services.cam.replies import process_reply
from backend.services.delivery import package_delivery
from backend.services.onboarding import create_client
from backend.services.production import produce_calendar, produce_creatives
from backend.services.qc import evaluate_project
from backend.services.reporting import generate_report
from backend.services.retention import assess_retention
from backend.services.strategy import draft_strategy
from tests.characterization import corpus
from tests.characterization.db_effects import tables_written

pytestmark = pytest.mark.legacy_internals("cam", "onboarding", "strategy", "production", "qc", "client_review", "delivery", "reporting", "billing", "retention", "orchestration", "domain")


def test_the_tables_each_entry_point_writes(legacy_session, db_effects, snapshot_json):
    """Onboarding, strategy, QC, review, delivery (Q-09, Q-10, Q-12, Q-24) write other modules' tables."""
    s = legacy_session
    written = {}

    def record(name, action):
        result, effects = db_effects(action, s)
        written[name] = tables_written(effects)
        return result

    intake = ClientIntake.from_request(corpus.intake("quick_social_us_engagement"))
    brief = intake.to_brief()
    campaign = record("onboarding.create_client", lambda: create_client(s, intake))
    strategy, _ = draft_strategy(brief)
    record("operator_services.approve_strategy", lambda: approve_strategy(s, campaign.id))
    record("operator_services.reject_strategy", lambda: reject_strategy(s, campaign.id, "tone"))
    creatives = record("production.produce_creatives", lambda: produce_creatives(s, campaign, brief, strategy))
    calendar = produce_calendar(intake.pack, strategy)
    record("qc.evaluate_project", lambda: evaluate_project(s, intake, strategy, creatives, calendar))
    record("client_review.record_feedback(changes_requested)", lambda: client_review.record_feedback(s, campaign, creatives, "changes_requested", client_review.SIMULATED_CHANGES))
    record("client_review.record_feedback(approved)", lambda: client_review.record_feedback(s, campaign, creatives, "approved"))
    campaign.project_state = "QC_FAILED"
    record("delivery.package_delivery(gate skipped)", lambda: package_delivery(s, campaign, strategy, creatives, calendar, "US", "out"))
    record("billing.issue_billing", lambda: billing.issue_billing(s, campaign, "US", date.today()))
    invoice = billing.invoices_for(s, campaign.id)[0]
    record("billing.record_payment", lambda: billing.record_payment(s, invoice.id, invoice.outstanding))
    record("reporting.generate_report", lambda: generate_report(s, campaign, ["social"]))
    record("retention.assess_retention", lambda: assess_retention(
        s, campaign, last_engagement_at=datetime.now(timezone.utc), overdue_invoices=0, roas=1.0, rejections=0,
        delivered=True, approved_first_round=False, last_proposal_total=50000.0,
    ))
    other = create_client(s, ClientIntake(brand_name="Rejected Client"))
    other_creatives = produce_creatives(s, other, brief, strategy)
    record("client_review.record_feedback(rejected)", lambda: client_review.record_feedback(s, other, other_creatives, "rejected"))
    s.commit()
    record("operator_services.run_acquisition", lambda: run_acquisition(None, corpus.leads()[:20], corpus.replies()[:5]))
    reply = record("cam.process_reply", lambda: process_reply(s, "person0@seniority0.io", datetime.now(timezone.utc), "Yes"))
    lead = s.get(LeadRow, reply.lead_id)
    record("cam.convert_reply", lambda: convert_reply(s, lead, reply))
    s.commit()
    record("operator_services.run_client_journey", lambda: run_client_journey(corpus.intake("complete_uk_strategy_sales"), out_dir="out"))
    assert snapshot_json == written
