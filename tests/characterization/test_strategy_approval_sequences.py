"""Strategy approval and rejection as sequences on one project row (L-08, Q-04, L-09).

Approvals and rejections stamp the description one after the other; the instants have
fractional seconds and cross midnight, so the stamp's ISO text is pinned exactly.
"""
from __future__ import annotations

from typing import Any

import pytest

from aicmo.domain import ClientIntake, Project, ProjectState
from aicmo.operator_services import approve_strategy, reject_strategy
from backend.services.onboarding import create_client
from backend.services.strategy import strategy_status_for
from tests.characterization.spec_rules import strategy as spec

pytestmark = [pytest.mark.aicmo_evidence(module="strategy", suite="characterization"), pytest.mark.legacy_internals("onboarding", "strategy", "orchestration", "domain")]


def _state(campaign: Any) -> dict[str, Any]:
    return {
        "description": campaign.description,
        "strategy_status": campaign.strategy_status,
        "project_state": campaign.project_state,
        "derived": Project.from_campaign(campaign).state.value,
    }


@pytest.mark.fixed_clock("2026-03-31T23:59:59.250000Z")
def test_approve_reject_approve_on_one_project(fixed_clock, legacy_session, db_effects, snapshot_json):
    """L-08: each step appends its stamp, the status follows the last step; Q-04: project_state never moves."""
    campaign = create_client(legacy_session, ClientIntake(brand_name="Harbour Lights"))
    steps = [
        ("approve", None, 0.000001),
        ("reject", "Too vague", 0.5),
        ("approve", None, 0.25),  # now past midnight: 2026-04-01
        ("reject", "", 1),
        ("reject", "  padded reason  ", 1),
        ("reject", "Brød — not [final]", 1),
        ("approve", None, 86_400.123456),
    ]
    table = []
    for action, reason, seconds in steps:
        fixed_clock.tick(seconds)
        if action == "approve":
            _, effects = db_effects(lambda: approve_strategy(legacy_session, campaign.id), legacy_session)
        else:
            _, effects = db_effects(lambda: reject_strategy(legacy_session, campaign.id, reason), legacy_session)
        table.append({"step": [action, reason], "now": fixed_clock.now(), "effects": effects, "row": _state(campaign)})
    first_stamp = spec.APPROVED_STAMP.format(iso="2026-03-31T23:59:59.250001+00:00")
    assert campaign.description.startswith(f"Client project for Harbour Lights {first_stamp} ")
    assert spec.REJECTED_STAMP.format(reason="Too vague") in campaign.description
    assert snapshot_json == table


@pytest.mark.fixed_clock("2026-06-30T12:00:00.000001Z")
def test_approval_after_the_operator_flow_moved_the_project(legacy_session, db_effects, snapshot_json):
    """L-08/L-09b: the flow writes REJECTED or DRAFT, approval overwrites it; a canonical state then wins (L-09)."""
    table = {}
    for name, errors in {"invalid plan": ["executive_summary is 38 characters (minimum 50)"], "valid plan": []}.items():
        campaign = create_client(legacy_session, ClientIntake(brand_name=name.title()))
        project = Project(id=campaign.id, name=campaign.name)
        for state in (ProjectState.INTAKE_COMPLETE, ProjectState.STRATEGY_GENERATED):
            project.transition_to(state)
            project.apply_to_campaign(campaign)
        campaign.strategy_status = strategy_status_for(errors)
        legacy_session.flush()  # the flow's own writes, so the effects below are approval's only
        before = _state(campaign)
        _, effects = db_effects(lambda: approve_strategy(legacy_session, campaign.id), legacy_session)
        rederived = Project.from_campaign(campaign)
        table[name] = {"before": before, "effects": effects, "after": _state(campaign), "rederived": rederived}
    assert snapshot_json == table


def test_unknown_campaigns_are_refused_with_their_id(legacy_session, snapshot_json):
    """L-08: approving or rejecting an id with no row raises LookupError naming the id as given."""
    messages = {}
    for campaign_id in ["no-such-id", "", "  padded  ", "ÜNICODE"]:
        for action in (approve_strategy, lambda s, i: reject_strategy(s, i, "reason")):
            with pytest.raises(LookupError) as refused:
                action(legacy_session, campaign_id)
            messages.setdefault(repr(campaign_id), []).append(str(refused.value))
    assert snapshot_json == messages
