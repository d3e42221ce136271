"""Onboarding: intake → brief (spec section 1: L-01..L-04, Q-01, Q-02)."""
from __future__ import annotations

import json

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from aicmo.domain import ClientIntake, ProjectState
from aicmo.domain.intake import REQUIRED_FIELDS
from backend.db.models import CampaignRow
from backend.services.onboarding import create_client, load_intake
from backend.services.qc_rules import intake_findings

pytestmark = [pytest.mark.usefixtures("legacy_env"), pytest.mark.legacy_internals("onboarding", "qc", "domain")]


# --- L-01 -------------------------------------------------------------------------------


def test_l01_to_brief_fills_silent_defaults():
    """An empty intake's brief gets industry General, product 'Products and services', goal Growth, 'Target customers', 90 days."""
    brief = ClientIntake(brand_name="Acme").to_brief()
    assert "General" == brief["industry"]
    assert "Products and services" == brief["product_service"]
    assert "Growth" == brief["primary_goal"]
    assert "Target customers" == brief["primary_customer"]
    assert "90 days" == brief["timeline"]


def test_l01_goal_other_becomes_growth():
    """primary_goal 'other' is replaced by 'Growth' in the brief."""
    assert "Growth" == ClientIntake(brand_name="Acme", primary_goal="other").to_brief()["primary_goal"]


def test_l01_primary_customer_defaults_to_first_target_audience():
    """Without a primary customer the brief takes the first target audience."""
    intake = ClientIntake(brand_name="Acme", target_audiences=["Dentists", "Clinics"])
    assert "Dentists" == intake.to_brief()["primary_customer"]


def test_l01_given_values_are_kept():
    """Values that are present are not overwritten by the defaults."""
    intake = ClientIntake(
        brand_name="Acme",
        industry="Dental",
        product_service="Aligners",
        primary_goal="leads",
        primary_customer="Orthodontists",
        target_audiences=["Dentists"],
        timeline="6 months",
    )
    brief = intake.to_brief()
    expected = ("Dental", "Aligners", "leads", "Orthodontists", "6 months")
    actual = (
        brief["industry"],
        brief["product_service"],
        brief["primary_goal"],
        brief["primary_customer"],
        brief["timeline"],
    )
    assert expected == actual


# --- L-02 / Q-01 ------------------------------------------------------------------------


@pytest.mark.parametrize("alias", ["brand", "company"])
def test_l02_brand_aliases_become_brand_name(alias):
    """'brand' and 'company' are accepted for brand_name."""
    assert "Acme" == ClientIntake.from_request({alias: "Acme"}).brand_name


def test_l02_audience_alias_becomes_one_element_list():
    """'audience' becomes target_audiences as a one-element list."""
    assert ["Dentists"] == ClientIntake.from_request({"brand": "Acme", "audience": "Dentists"}).target_audiences


def test_l02_goal_alias_becomes_primary_goal():
    """'goal' becomes primary_goal."""
    assert "leads" == ClientIntake.from_request({"brand": "Acme", "goal": "leads"}).primary_goal


def test_q01_missing_brand_becomes_unknown_without_error():
    """A request without any brand builds an intake whose brand is 'Unknown' (no error)."""
    intake = ClientIntake.from_request({"website": "https://x.example"})
    assert "Unknown" == intake.brand_name
    assert "Unknown" == intake.to_brief()["brand_name"]


# --- L-03 -------------------------------------------------------------------------------


def test_l03_eight_required_fields():
    """The completeness ruleset requires exactly the eight fields of the spec."""
    expected = [
        "brand_name",
        "website",
        "industry",
        "geography",
        "product_service",
        "target_audiences",
        "pain_points",
        "desired_outcomes",
    ]
    assert expected == REQUIRED_FIELDS


def test_l03_missing_fields_of_a_bare_intake():
    """A request with only a brand misses the seven other required fields."""
    intake = ClientIntake.from_request({"brand": "Acme"})
    expected = [
        "website",
        "industry",
        "geography",
        "product_service",
        "target_audiences",
        "pain_points",
        "desired_outcomes",
    ]
    assert expected == intake.missing_fields()


def test_l03_complete_intake_misses_nothing(demo_intake):
    """The complete demo intake has no missing required field."""
    assert [] == ClientIntake.from_request(demo_intake).missing_fields()


def test_l03_each_missing_field_is_a_blocker_finding():
    """Each missing required field is one BLOCKER finding."""
    intake = ClientIntake.from_request({"brand": "Acme"})
    findings = intake_findings(intake.missing_fields())
    assert 7 == len(findings)
    assert {"BLOCKER"} == {f["severity"] for f in findings}
    assert {"intake_completeness"} == {f["rule"] for f in findings}


# --- L-04 / Q-02 ------------------------------------------------------------------------


@freeze_time("2026-01-15T10:00:00Z")
def test_l04_create_client_creates_one_project_row(db, demo_intake):
    """Onboarding creates one cam_campaigns row named after the brand, intake as JSON, service_key = pack."""
    intake = ClientIntake.from_request({**demo_intake, "pack": "full_funnel"})
    campaign = create_client(db, intake)
    db.commit()
    assert 1 == db.scalar(select(func.count()).select_from(CampaignRow))
    row = db.get(CampaignRow, campaign.id)
    assert "Northwind Coffee Roasters" == row.name
    assert "full_funnel" == row.service_key
    assert intake.model_dump() == json.loads(row.intake_json)
    assert intake == load_intake(row)


def test_q02_new_project_state_is_strategy_draft_which_is_not_canonical(db, demo_intake):
    """A new project row has project_state 'STRATEGY_DRAFT', which is not a canonical state."""
    campaign = create_client(db, ClientIntake.from_request(demo_intake))
    assert "STRATEGY_DRAFT" == campaign.project_state
    assert "STRATEGY_DRAFT" not in {s.value for s in ProjectState}
