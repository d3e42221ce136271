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
