"""Onboarding (spec section 1): intake parsing, the brief, completeness, the project row."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

from aicmo.domain import ClientIntake
from backend.services import qc_rules
from backend.services.onboarding import create_client, load_intake
from tests.characterization import corpus

pytestmark = [pytest.mark.aicmo_evidence(module="onboarding", suite="characterization"), pytest.mark.legacy_internals("onboarding", "qc", "domain")]


@pytest.mark.parametrize("intake_id", corpus.intake_ids())
def test_a_request_becomes_an_intake_a_brief_and_completeness_findings(intake_id, snapshot_json):
    """L-01 defaults, L-02 aliases, Q-01 "Unknown" brand, L-03 BLOCKER per missing field."""
    intake = ClientIntake.from_request(corpus.intake(intake_id))
    assert snapshot_json == {
        "intake": intake,
        "brief": intake.to_brief(),
        "missing_fields": intake.missing_fields(),
        "findings": qc_rules.intake_findings(intake.missing_fields()),
    }


@pytest.mark.parametrize(
    "request_data",
    [{"pack": "mega_pack"}, {"goal": "world domination"}, {"offers": "not a list"}, {"brand_name": 42}],
    ids=["unknown_pack", "unknown_goal", "offers_not_a_list", "brand_not_text"],
)
def test_an_invalid_request_is_refused_by_the_model(request_data, snapshot_json):
    """Only the pydantic types refuse a request; which fields and why is pinned."""
    with pytest.raises(ValidationError) as refused:
        ClientIntake.from_request(request_data)
    assert snapshot_json == [
        {"loc": list(e["loc"]), "type": e["type"]} for e in refused.value.errors(include_url=False)
    ]


@pytest.mark.parametrize("intake_id", ["complete_uk_strategy_sales", "empty_request", "unicode_brand", "quick_social_us_engagement"])
def test_creating_a_client_writes_one_project_row(intake_id, legacy_session, db_effects, snapshot_json):
    """L-04/Q-02: one cam_campaigns row in STRATEGY_DRAFT, service_key = pack, intake as JSON."""
    intake = ClientIntake.from_request(corpus.intake(intake_id))
    campaign, effects = db_effects(lambda: create_client(legacy_session, intake), legacy_session)
    assert intake == load_intake(campaign)
    assert snapshot_json == effects
