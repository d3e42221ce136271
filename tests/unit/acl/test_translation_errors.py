"""Legacy data that does not fit a DTO is a TranslationError naming the field, never a half-filled DTO."""
from __future__ import annotations

import pytest

from acl._support.errors import TranslationError
from aicmo.cam.api import AcquisitionCampaign, LeadProfile
from aicmo.onboarding.api import ClientIntake
from aicmo.shared.errors import IdempotencyConflict
from backend.db.models import CampaignRow, InvoiceRow, LeadRow


def corrupt(memory_db, model, row_id: str, **values) -> None:
    """Write values legacy code could have left behind, straight into the row."""
    with memory_db.session() as session:
        row = session.get(model, row_id)
        for name, value in values.items():
            setattr(row, name, value)
        session.commit()


def test_an_unknown_project_state_names_the_field(ports, memory_db):
    """A project_state outside the contract's states is refused as 'state'."""
    project = ports.onboarding.onboard_client(ClientIntake(brand_name="Acme"), "k1")
    corrupt(memory_db, CampaignRow, project.client_id, project_state="HALF_DONE")
    with pytest.raises(TranslationError) as raised:
        ports.onboarding.get_project(project.client_id)
    assert "state" == raised.value.details["field"]


def test_an_intake_json_that_is_no_object_names_the_field(ports, memory_db):
    """intake_json holding a list is refused as 'intake_json'."""
    project = ports.onboarding.onboard_client(ClientIntake(brand_name="Acme"), "k1")
    corrupt(memory_db, CampaignRow, project.client_id, intake_json="[1, 2]")
    with pytest.raises(TranslationError) as raised:
        ports.onboarding.get_project(project.client_id)
    assert "intake_json" == raised.value.details["field"]


def test_lead_tags_that_are_no_list_name_the_field(ports, memory_db):
    """cam_leads.tags that is not a JSON list is refused as 'tags'."""
    campaign = ports.cam.create_campaign(AcquisitionCampaign(name="C"), "c1")
    (lead,) = ports.cam.import_leads(campaign.campaign_id, (LeadProfile(email="a@b.io"),), "i1")
    corrupt(memory_db, LeadRow, lead.lead_id, tags="{oops")
    with pytest.raises(TranslationError) as raised:
        ports.cam.get_lead(lead.lead_id)
    assert "tags" == raised.value.details["field"]


def test_an_unknown_invoice_kind_names_the_field(ports, memory_db):
    """An invoice row of a kind billing does not know is refused as 'kind'."""
    from tests.port_suites.builders import journey

    invoice = journey(ports).billing.invoices[0]
    corrupt(memory_db, InvoiceRow, invoice.invoice_id, kind="bonus")
    with pytest.raises(TranslationError) as raised:
        ports.billing.get_invoice(invoice.invoice_id)
    assert "kind" == raised.value.details["field"]


def test_the_same_key_for_another_request_is_an_idempotency_conflict(ports):
    """A key reused for a different intake is refused, not answered with the first project."""
    ports.onboarding.onboard_client(ClientIntake(brand_name="Acme"), "k1")
    with pytest.raises(IdempotencyConflict):
        ports.onboarding.onboard_client(ClientIntake(brand_name="Other"), "k1")
