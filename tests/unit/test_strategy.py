"""Strategy: plan shape, channel split, validation, fallback, approval (spec section 2)."""
from __future__ import annotations

import json

import pytest
from freezegun import freeze_time

from aicmo.domain import ChannelSplit, ClientIntake, Kpi, Pillar, StrategyDoc
from aicmo.operator_services import approve_strategy, reject_strategy
from backend.db.models import CampaignRow
from backend.generators.strategy_generator import (
    FALLBACK_SUMMARY,
    channel_split,
    fit_pillars,
    generate_strategy,
)
from backend.services.onboarding import create_client
from backend.services.strategy import draft_strategy, strategy_status_for

pytestmark = [pytest.mark.usefixtures("legacy_env"), pytest.mark.legacy_internals("onboarding", "strategy", "orchestration", "domain")]

VALID_SUMMARY = "Acme will grow qualified leads among dentists in the UK within ninety days."


def _pillar(n: int) -> dict[str, str]:
    return {"name": f"Pillar {n}", "description": f"Description {n}", "kpi_impact": f"Lift {n}"}


def _plan(pillars: list[dict[str, str]]) -> str:
    return json.dumps(
        {
            "executive_summary": VALID_SUMMARY,
            "situation_analysis": "Acme sells aligners to dental clinics.",
            "strategy_narrative": "Lead with patient outcomes.",
            "pillars": pillars,
            "kpis": [{"name": "Leads", "target": "200", "unit": "leads", "timeframe_days": 90}],
            "timeline": "90 days",
        }
    )


def _doc(**overrides) -> StrategyDoc:
    fields = dict(
        executive_summary=VALID_SUMMARY,
        situation_analysis="Acme sells aligners to dental clinics.",
        strategy_narrative="Lead with patient outcomes.",
        pillars=[Pillar(**_pillar(n)) for n in (1, 2, 3)],
        kpis=[Kpi(name="Leads", target="200", unit="leads", timeframe_days=90)],
        channels=[ChannelSplit(name="search", budget_pct=40)],
        timeline="90 days",
    )
    fields.update(overrides)
    return StrategyDoc(**fields)


# --- L-05 -------------------------------------------------------------------------------


def test_l05_extra_pillars_are_cut_to_three(fake_llm, demo_intake):
    """A provider plan with five pillars keeps only the first three."""
    fake_llm({"strategy": _plan([_pillar(n) for n in range(1, 6)])})
    doc = generate_strategy(ClientIntake.from_request(demo_intake).to_brief())
    assert ["Pillar 1", "Pillar 2", "Pillar 3"] == [p.name for p in doc.pillars]


def test_l05_missing_pillars_are_padded_with_growth_pillars(fake_llm, demo_intake):
    """A provider plan with one pillar is padded with 'Growth Pillar 2' and 'Growth Pillar 3'."""
    fake_llm({"strategy": _plan([_pillar(1)])})
    doc = generate_strategy(ClientIntake.from_request(demo_intake).to_brief())
    assert ["Pillar 1", "Growth Pillar 2", "Growth Pillar 3"] == [p.name for p in doc.pillars]
    expected_kpi_line = "Increase qualified reach by 10%"
    assert [expected_kpi_line, expected_kpi_line] == [p.kpi_impact for p in doc.pillars[1:]]


def test_l05_fit_pillars_always_returns_three():
    """fit_pillars gives three pillars for 0, 3 and 7 inputs."""
    assert [3, 3, 3] == [len(fit_pillars([_pillar(n) for n in range(k)])) for k in (0, 3, 7)]


def test_l05_template_plan_has_every_section(demo_intake):
    """The template plan has a summary, situation, narrative, 3 pillars, KPIs with timeframe, channels and timeline."""
    doc = generate_strategy(ClientIntake.from_request(demo_intake).to_brief())
    assert doc.executive_summary and doc.situation_analysis and doc.strategy_narrative and doc.timeline
    assert 3 == len(doc.pillars)
    assert all(p.name and p.description and p.kpi_impact for p in doc.pillars)
    assert [90, 90] == [k.timeframe_days for k in doc.kpis]
    assert 100 == sum(c.budget_pct for c in doc.channels)


# --- L-06 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "goal, expected",
    [
        ("awareness", [("social", 50), ("video", 30), ("search", 20)]),
        ("leads", [("search", 40), ("email", 30), ("social", 30)]),
        ("sales", [("search", 50), ("social", 30), ("email", 20)]),
        ("engagement", [("social", 60), ("email", 40)]),
        ("Growth", [("social", 40), ("search", 30), ("email", 30)]),
        ("other", [("social", 40), ("search", 30), ("email", 30)]),
        ("", [("social", 40), ("search", 30), ("email", 30)]),
    ],
)
def test_l06_channel_split_by_primary_goal(goal, expected):
    """The channel budget split follows the primary goal; anything else is social 40 / search 30 / email 30."""
    assert expected == [(c.name, c.budget_pct) for c in channel_split(goal)]


def test_l06_generated_plan_uses_the_goal_split(demo_intake):
    """A sales intake's plan is split search 50, social 30, email 20."""
    doc = generate_strategy(ClientIntake.from_request(demo_intake).to_brief())
    assert [("search", 50), ("social", 30), ("email", 20)] == [(c.name, c.budget_pct) for c in doc.channels]


# --- L-07 -------------------------------------------------------------------------------


def test_l07_valid_plan_has_no_errors():
    """A plan with a 50+ character summary and no placeholder validates."""
    assert [] == _doc().validation_errors()


def test_l07_summary_of_49_characters_fails_and_50_passes():
    """The summary must be at least 50 characters long."""
    assert (False, True) == (_doc(executive_summary="x" * 49).is_valid(), _doc(executive_summary="x" * 50).is_valid())


@pytest.mark.parametrize("placeholder", ["TBD", "n/a", "ToDo", "Not Specified", "Lorem ipsum", "{{brand}}"])
def test_l07_placeholder_in_any_field_fails_case_insensitive(placeholder):
    """A placeholder (case-insensitive) in any field makes the plan invalid."""
    doc = _doc(timeline=f"Launch date {placeholder}")
    errors = doc.validation_errors()
    assert 1 == len(errors)
    assert errors[0].startswith("timeline contains placeholder")


def test_l07_placeholder_in_a_pillar_fails():
    """Pillar fields are validated too."""
    pillars = [Pillar(name="P", description="tbd", kpi_impact="x")] + [Pillar(**_pillar(n)) for n in (2, 3)]
    assert ["pillars[0].description contains placeholder 'tbd'"] == _doc(pillars=pillars).validation_errors()


def test_l07_failed_plan_is_stored_rejected():
    """A plan with validation errors gets strategy_status REJECTED; a valid one DRAFT."""
    assert ("REJECTED", "DRAFT") == (strategy_status_for(["summary too short"]), strategy_status_for([]))


# --- Q-03 -------------------------------------------------------------------------------


def test_q03_fallback_summary_is_38_characters():
    """The fallback summary is 38 characters long."""
    assert 38 == len(FALLBACK_SUMMARY)


def test_q03_empty_provider_answer_falls_back_and_fails_validation(fake_llm, demo_intake):
    """When the provider returns "", the plan is the fallback, which fails its own 50-character rule."""
    fake_llm({"strategy": ""}, fallback=False)
    doc, errors = draft_strategy(ClientIntake.from_request(demo_intake).to_brief())
    assert FALLBACK_SUMMARY == doc.executive_summary
    assert ["executive_summary is 38 characters (minimum 50)"] == errors
    assert "REJECTED" == strategy_status_for(errors)
    assert ["Growth Pillar 1", "Growth Pillar 2", "Growth Pillar 3"] == [p.name for p in doc.pillars]


def test_q03_unparseable_provider_answer_falls_back(fake_llm, demo_intake):
    """A provider answer that is not a JSON plan also yields the 38-character fallback summary."""
    fake_llm({"strategy": "Sorry, I cannot help with that."}, fallback=False)
    doc = generate_strategy(ClientIntake.from_request(demo_intake).to_brief())
    assert 38 == len(doc.executive_summary)
    assert not doc.is_valid()


# --- L-08 / Q-04 ------------------------------------------------------------------------


@freeze_time("2026-01-15T10:00:00Z")
def test_l08_approval_sets_approved_and_stamps_description(db, demo_intake):
    """Approval sets strategy_status APPROVED and appends '[Approved: <ISO timestamp>]'."""
    campaign = create_client(db, ClientIntake.from_request(demo_intake))
    approve_strategy(db, campaign.id)
    row = db.get(CampaignRow, campaign.id)
    assert "APPROVED" == row.strategy_status
    assert "Client project for Northwind Coffee Roasters [Approved: 2026-01-15T10:00:00+00:00]" == row.description


def test_q04_approval_does_not_change_project_state(db, demo_intake):
    """Approval leaves project_state as it was (STRATEGY_DRAFT, or STRATEGY_GENERATED)."""
    campaign = create_client(db, ClientIntake.from_request(demo_intake))
    approve_strategy(db, campaign.id)
    assert "STRATEGY_DRAFT" == campaign.project_state
    campaign.project_state = "STRATEGY_GENERATED"
    approve_strategy(db, campaign.id)
    assert "STRATEGY_GENERATED" == campaign.project_state


def test_l08_rejection_appends_the_reason(db, demo_intake):
    """Rejection appends '[Rejected: <reason>]' to the description."""
    campaign = create_client(db, ClientIntake.from_request(demo_intake))
    reject_strategy(db, campaign.id, "Too generic")
    assert campaign.description.endswith("[Rejected: Too generic]")
    assert "REJECTED" == campaign.strategy_status
