"""Inputs and prepared states for the port suites, built through the ports alone."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from aicmo.cam.api import AcquisitionCampaign, Lead, LeadProfile
from aicmo.onboarding.api import ClientIntake
from aicmo.orchestration.journey import JourneyOutcome, run_client_journey
from aicmo.orchestration.ports import ModulePorts

NOW = dt.datetime(2026, 1, 15, 10, 0, tzinfo=dt.timezone.utc)
UNKNOWN = "00000000-0000-4000-8000-000000000000"

INTAKE = ClientIntake(
    brand_name="Helix Analytics GmbH",
    website="https://helix-analytics.example",
    industry="B2B software",
    geography="EU",
    product_service="Analytics dashboards for logistics teams",
    target_audiences=("Logistics managers",),
    pain_points=("Late shipments",),
    desired_outcomes=("Qualified demo requests",),
    primary_goal="leads",
    pack="full_funnel",
)

CAMPAIGN = AcquisitionCampaign.model_validate({
    "name": "Contract campaign",
    "targets": {
        "company_sizes": ["51-200", "201-1000"],
        "industries": ["software", "fintech"],
        "revenue_range": {"low": 1000000, "high": 50000000},
        "countries": ["US", "UK"],
        "regions": ["North America", "Europe"],
        "target_roles": ["VP Marketing", "CMO"],
    },
})

HOT = LeadProfile(
    name="Alice Moreno", email="alice.moreno@brightpay.io", company="BrightPay", title="VP Marketing",
    company_size="51-200", industry="fintech", revenue=Decimal("12000000"), country="US", region="North America",
    job_change=True, funded=True, hiring=True, recent_activity=True, decision_maker=True, budget_authority=True,
    budget="$10k/month", timeline="Q1 2026", pain_points="Low conversion",
)
COLD = LeadProfile(name="Zed Null", email="zed@example.org", company="Nowhere", title="Intern")


def journey(ports: ModulePorts, intake: ClientIntake = INTAKE) -> JourneyOutcome:
    """A whole client journey over the ports."""
    return run_client_journey(ports, intake, out_dir="out")


def scored_leads(ports: ModulePorts, *profiles: LeadProfile) -> tuple[str, tuple[Lead, ...]]:
    """A campaign with the leads imported and scored singly: (campaign id, leads)."""
    campaign = ports.cam.create_campaign(CAMPAIGN, "campaign")
    leads = ports.cam.import_leads(campaign.campaign_id, profiles or (HOT, COLD), "import")
    return campaign.campaign_id, ports.cam.score_leads(campaign.campaign_id, tuple(l.lead_id for l in leads), "single")
