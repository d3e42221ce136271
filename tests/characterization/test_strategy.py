"""Strategy (spec section 2): the plan, its shape, validation, fallback, approval."""
from __future__ import annotations

import json

import pytest

from aicmo.domain import ClientIntake, StrategyDoc
from aicmo.operator_services import approve_strategy, load_strategy, reject_strategy
from backend.generators import strategy_generator
from backend.services.onboarding import create_client
from backend.services.strategy import draft_strategy, strategy_status_for
from tests.characterization import corpus

pytestmark = [pytest.mark.aicmo_evidence(module="strategy", suite="characterization"), pytest.mark.legacy_internals("onboarding", "strategy", "orchestration", "domain")]


def _brief(intake_id: str) -> dict:
    return ClientIntake.from_request(corpus.intake(intake_id)).to_brief()


@pytest.mark.parametrize("intake_id", corpus.intake_ids())
def test_the_template_provider_drafts_a_plan_per_intake(intake_id, snapshot_json):
    """L-05 three pillars, L-06 channels, L-07 validation and the stored status, per intake."""
    strategy, errors = draft_strategy(_brief(intake_id))
    assert snapshot_json == {
        "strategy": strategy,
        "errors": errors,
        "status": strategy_status_for(errors),
        "markdown": strategy.to_markdown("Brand"),
    }


def test_the_channel_split_by_goal_table(snapshot_json):
    """L-06: the budget split of every goal, case-insensitively, and of anything else."""
    goals = ["awareness", "leads", "sales", "engagement", "other", "Growth", "SALES", "", None]
    table = {str(g): [(c.name, c.budget_pct) for c in strategy_generator.channel_split(g)] for g in goals}
    assert snapshot_json == table


def test_pillars_are_cut_or_padded_to_three(snapshot_json):
    """L-05: 0..5 provider pillars become exactly three, padded with "Growth Pillar N"."""
    raw = [{"name": f"P{i}", "description": f"Description {i}", "kpi_impact": f"KPI {i}"} for i in range(5)]
    assert snapshot_json == {n: strategy_generator.fit_pillars(raw[:n]) for n in range(6)}


@pytest.mark.parametrize(
    "field, text",
    [
        ("executive_summary", "x" * 49),
        ("executive_summary", "x" * 50),
        ("executive_summary", "This summary is long enough but it is still TBD by the team."),
        ("situation_analysis", "Market size: n/a"),
        ("strategy_narrative", "ToDo later"),
        ("timeline", "Not Specified"),
        ("situation_analysis", "Lorem Ipsum dolor"),
        ("strategy_narrative", "Hello {{name}}"),
        ("timeline", "Standard timeline"),
    ],
)
def test_validation_of_summary_length_and_placeholders(field, text, snapshot_json):
    """L-07: a 50-character minimum summary and six case-insensitive placeholders."""
    doc = strategy_generator.generate_from_fallback(_brief("complete_uk_strategy_sales"))
    doc = doc.model_copy(update={"executive_summary": "S" * 60, field: text})
    assert snapshot_json == {"errors": doc.validation_errors(), "valid": doc.is_valid()}


@pytest.mark.parametrize(
    "behaviour",
    ["silent", "failing", "not_json", "json_list", "no_summary", "bad_pillar", "bad_kpi", "extra_pillars"],
)
def test_the_provider_answer_decides_between_plan_and_fallback(behaviour, fake_providers, snapshot_json):
    """Q-03: no usable answer gives the fixed fallback, whose 38-character summary fails L-07."""
    answers = {
        "not_json": "Here is your strategy!",
        "json_list": "[1, 2, 3]",
        "no_summary": json.dumps({"executive_summary": "", "pillars": []}),
        "bad_pillar": json.dumps({"executive_summary": "S" * 60, "pillars": [{"name": "only a name"}]}),
        "bad_kpi": json.dumps({"executive_summary": "S" * 60, "kpis": [{"name": "K", "target": "1"}]}),
        "extra_pillars": json.dumps(
            {
                "executive_summary": "A plan with a summary that is comfortably above fifty characters.",
                "pillars": [{"name": f"N{i}", "description": f"D{i}", "kpi_impact": f"K{i}"} for i in range(4)],
                "kpis": [{"name": "Reach", "target": "5", "unit": "k", "timeframe_days": 30}],
            }
        ),
    }
    if behaviour == "silent":
        fake_providers.llm.silence("strategy")
    elif behaviour == "failing":
        fake_providers.llm.fail("strategy")
    else:
        fake_providers.llm.script("strategy", answers[behaviour])
    strategy, errors = draft_strategy(_brief("complete_uk_strategy_sales"))
    assert snapshot_json == {
        "strategy": strategy,
        "errors": errors,
        "status": strategy_status_for(errors),
        "prompts": [c.args for c in fake_providers.llm.calls],
    }


def test_approval_and_rejection_stamp_the_description_and_leave_the_state(legacy_session, db_effects, snapshot_json):
    """L-08/Q-04: APPROVED or REJECTED with a stamp; project_state stays STRATEGY_DRAFT."""
    approved = create_client(legacy_session, ClientIntake(brand_name="Approve Me"))
    rejected = create_client(legacy_session, ClientIntake(brand_name="Reject Me"))
    _, approval = db_effects(lambda: approve_strategy(legacy_session, approved.id), legacy_session)
    _, rejection = db_effects(lambda: reject_strategy(legacy_session, rejected.id, "Too vague"), legacy_session)
    with pytest.raises(LookupError) as missing_approve:
        approve_strategy(legacy_session, "no-such-id")
    with pytest.raises(LookupError) as missing_reject:
        reject_strategy(legacy_session, "no-such-id", "x")
    assert snapshot_json == {
        "approval": approval,
        "rejection": rejection,
        "missing": [str(missing_approve.value), str(missing_reject.value)],
    }


def test_a_stored_strategy_loads_back(legacy_session):
    """The strategy text stored on the project row reads back as the same document."""
    campaign = create_client(legacy_session, ClientIntake(brand_name="Stored"))
    strategy, _ = draft_strategy(_brief("complete_uk_strategy_sales"))
    campaign.strategy_text = strategy.model_dump_json()
    assert strategy == load_strategy(campaign)
    campaign.strategy_text = None
    with pytest.raises(ValueError):
        load_strategy(campaign)
    assert StrategyDoc is type(strategy)
