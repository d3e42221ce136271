"""Retention as a sequence on ONE client over time: every assessment adds a row, the stage follows the clock."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from aicmo.domain import ClientIntake
from backend.services import billing, retention
from backend.services.onboarding import create_client

pytestmark = [pytest.mark.aicmo_evidence(module="retention", suite="characterization"), pytest.mark.legacy_internals("onboarding", "billing", "retention", "domain")]


def test_one_client_from_onboarding_to_churn_and_back(legacy_session, db_effects, fixed_clock, snapshot_json):
    """L-29/L-30/L-31: onboarding, active, medium risk on an overdue invoice, at_risk, churned after 120 days, active again."""
    campaign = create_client(legacy_session, ClientIntake(brand_name="Lifecycle"))
    billing.issue_billing(legacy_session, campaign, "UK", date.today())
    engaged = fixed_clock.now()
    steps = []

    def assess(label: str, **kwargs) -> None:
        overdue = billing.billing_status(legacy_session, campaign.id)["overdue_count"]
        given = dict(last_engagement_at=engaged, overdue_invoices=overdue, roas=2.0, rejections=0, delivered=True,
                     approved_first_round=True, last_proposal_total=50000.0)
        given.update(kwargs)
        result, effects = db_effects(lambda: retention.assess_retention(legacy_session, campaign, **given), legacy_session)
        steps.append({"step": label, "today": date.today(), "result": result, "rows": effects})

    assess("signed, not delivered", delivered=False)
    fixed_clock.tick(timedelta(days=10, seconds=0.5))
    assess("delivered, ROAS 3", roas=3.0)
    fixed_clock.tick(timedelta(days=7))  # the signing invoice is now overdue
    assess("an invoice overdue")
    fixed_clock.tick(timedelta(days=60))
    assess("77 days quiet, ROAS below 1, a rejection", roas=0.9, rejections=1)
    fixed_clock.tick(timedelta(days=44))
    assess("121 days quiet")
    engaged = fixed_clock.now()
    assess("engaged again today", overdue_invoices=0)
    stages = [s["result"]["lifecycle_stage"] for s in steps]
    assert stages == ["onboarding", "active", "active", "at_risk", "churned", "active"]
    assert snapshot_json == steps
