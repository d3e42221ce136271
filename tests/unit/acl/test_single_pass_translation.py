"""Translations validate a DTO in one pass, and still refuse what does not translate naming the field
(and, for a set of rows, the row)."""
from __future__ import annotations

import pytest

from acl._support.errors import TranslationError
from aicmo.cam.api import AcquisitionCampaign, LeadProfile
from backend.db.models import CampaignRow, CreativeAssetRow, InvoiceRow, LeadRow
from tests.port_suites.builders import journey
from tests.unit.acl.test_translation_errors import corrupt


def test_a_creative_that_does_not_translate_names_its_row_and_field(ports, memory_db):
    """The set is validated once; the failing creative is still named by its row's id."""
    outcome = journey(ports)
    bad = outcome.creatives.creatives[2]
    corrupt(memory_db, CreativeAssetRow, str(bad.creative_id), platform="MySpace")
    with pytest.raises(TranslationError) as raised:
        ports.production.get_creative_set(outcome.creatives.creative_set_id)
    assert ("platform", f"creative_assets {bad.creative_id}") == (raised.value.details["field"], raised.value.details["source"])


def test_a_lead_whose_profile_does_not_translate_names_the_field(ports, memory_db):
    """The profile is validated with the lead: a bad column is named under 'profile'."""
    campaign = ports.cam.create_campaign(AcquisitionCampaign(name="C"), "c1")
    (lead,) = ports.cam.import_leads(campaign.campaign_id, (LeadProfile(email="a@b.io"),), "i1")
    corrupt(memory_db, LeadRow, lead.lead_id, company_size="enormous")
    with pytest.raises(TranslationError) as raised:
        ports.cam.get_lead(lead.lead_id)
    assert "profile.company_size" == raised.value.details["field"]


def test_a_strategy_text_that_is_no_json_names_the_column(ports, memory_db):
    outcome = journey(ports)
    corrupt(memory_db, CampaignRow, outcome.project.client_id, strategy_text="{not json")
    with pytest.raises(TranslationError) as raised:
        ports.strategy.get_strategy(outcome.drafted.strategy_id)
    assert "strategy_text" == raised.value.details["field"]


def test_a_stored_plan_missing_a_field_names_it(ports, memory_db):
    """The one-pass parse fails; the long way names the plan's field."""
    outcome = journey(ports)
    corrupt(memory_db, CampaignRow, outcome.project.client_id, strategy_text='{"executive_summary": "x"}')
    with pytest.raises(TranslationError) as raised:
        ports.strategy.get_strategy(outcome.drafted.strategy_id)
    assert raised.value.details["field"] in {"situation_analysis", "strategy_narrative", "pillars", "kpis", "channels", "timeline"}


def test_invoice_lines_that_are_no_json_list_name_the_column(ports, memory_db):
    invoice = journey(ports).billing.invoices[0]
    corrupt(memory_db, InvoiceRow, invoice.invoice_id, lines_json='[{"amount": 1}]')
    with pytest.raises(TranslationError) as raised:
        ports.billing.get_invoice(invoice.invoice_id)
    assert "lines_json" == raised.value.details["field"]


def test_a_project_read_in_one_pass_equals_the_step_by_step_translation(ports, memory_db):
    """The project is validated once from the intake's text; the long way gives the same DTO, field for field."""
    from acl._support.project_rows import _project_step_by_step, project_from_row, project_row

    with memory_db.session() as session:
        for client in (journey(ports).project.client_id, journey(ports).project.client_id):
            row = project_row(session, str(client))
            fast, careful = project_from_row(row), _project_step_by_step(row)
            assert fast.model_dump(mode="json") == careful.model_dump(mode="json")


def test_a_project_intake_that_does_not_translate_still_names_the_field(ports, memory_db):
    """The one-pass read fails, and the step-by-step path names the intake's field as it always did."""
    client = journey(ports).project.client_id
    corrupt(memory_db, CampaignRow, str(client), intake_json='{"brand_name": ["not", "text"]}')
    with pytest.raises(TranslationError) as raised:
        ports.onboarding.get_project(client)
    assert ("brand_name", "cam_campaigns.intake_json") == (raised.value.details["field"], raised.value.details["source"])
