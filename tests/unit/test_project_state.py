"""The project state machine (spec section 2: L-09, L-09b, Q-02, Q-04, Q-24)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from aicmo.domain import IllegalStateTransition, Project, ProjectState
from aicmo.domain.project import ALLOWED_TRANSITIONS

pytestmark = pytest.mark.legacy_internals("domain")

S = ProjectState

SPEC_TRANSITIONS = {
    (S.CREATED, S.INTAKE_COMPLETE),
    (S.INTAKE_COMPLETE, S.STRATEGY_GENERATED),
    (S.STRATEGY_GENERATED, S.STRATEGY_APPROVED),
    (S.STRATEGY_APPROVED, S.CAMPAIGN_DEFINED),
    (S.CAMPAIGN_DEFINED, S.CREATIVE_GENERATED),
    (S.CREATIVE_GENERATED, S.QC_FAILED),
    (S.CREATIVE_GENERATED, S.QC_APPROVED),
    (S.QC_FAILED, S.QC_APPROVED),
    (S.QC_APPROVED, S.DELIVERED),
}
ALL_PAIRS = [(a, b) for a in S for b in S]


def _campaign(project_state, strategy_status=None):
    return SimpleNamespace(id="c-1", name="Acme", project_state=project_state, strategy_status=strategy_status)


# --- L-09 -------------------------------------------------------------------------------


@pytest.mark.parametrize("state", list(S))
def test_l09_canonical_state_in_the_row_wins(state):
    """A canonical name in project_state is taken as is, whatever strategy_status says."""
    assert state == Project.from_campaign(_campaign(state.value, "APPROVED")).state


def test_l09_non_canonical_state_with_approved_strategy_derives_strategy_approved():
    """A non-canonical project_state with strategy_status APPROVED derives STRATEGY_APPROVED."""
    assert S.STRATEGY_APPROVED == Project.from_campaign(_campaign("STRATEGY_DRAFT", "APPROVED")).state


@pytest.mark.parametrize("status", [None, "DRAFT", "REJECTED"])
def test_l09_otherwise_derives_strategy_generated(status):
    """A non-canonical project_state without an approved strategy derives STRATEGY_GENERATED."""
    assert S.STRATEGY_GENERATED == Project.from_campaign(_campaign("STRATEGY_DRAFT", status)).state


@pytest.mark.parametrize("raw", ["STRATEGY_DRAFT", "REJECTED", None, ""])
def test_q02_non_canonical_row_state_is_always_derived(raw):
    """STRATEGY_DRAFT (Q-02), REJECTED (Q-10) or nothing are not canonical, so the state is derived."""
    assert S.STRATEGY_GENERATED == Project.from_campaign(_campaign(raw)).state


# --- L-09b: the canonical machine -------------------------------------------------------


def test_l09b_allowed_transitions_are_the_spec_machine():
    """ALLOWED_TRANSITIONS is exactly the canonical machine of the spec."""
    actual = {(a, b) for a, targets in ALLOWED_TRANSITIONS.items() for b in targets}
    assert SPEC_TRANSITIONS == actual


@pytest.mark.parametrize("source, target", sorted(SPEC_TRANSITIONS))
def test_l09b_allowed_transition_moves_the_project(source, target):
    """Every allowed transition moves the project to the target state."""
    project = Project(id="p", name="Acme", state=source)
    assert target == project.transition_to(target).state


@pytest.mark.parametrize(
    "source, target", [p for p in ALL_PAIRS if p not in SPEC_TRANSITIONS], ids=lambda s: s.value
)
def test_l09b_every_other_transition_raises(source, target):
    """Every transition outside the machine raises IllegalStateTransition and leaves the state."""
    project = Project(id="p", name="Acme", state=source)
    with pytest.raises(IllegalStateTransition):
        project.transition_to(target)
    assert source == project.state


def test_l09b_apply_to_campaign_writes_state_and_syncs_strategy_status():
    """apply_to_campaign writes project_state and keeps strategy_status in sync (DRAFT, then APPROVED)."""
    campaign = _campaign("STRATEGY_DRAFT")
    project = Project(id="c-1", name="Acme", state=S.INTAKE_COMPLETE)
    project.transition_to(S.STRATEGY_GENERATED).apply_to_campaign(campaign)
    assert ("STRATEGY_GENERATED", "DRAFT") == (campaign.project_state, campaign.strategy_status)
    project.transition_to(S.STRATEGY_APPROVED).apply_to_campaign(campaign)
    assert ("STRATEGY_APPROVED", "APPROVED") == (campaign.project_state, campaign.strategy_status)
    project.transition_to(S.CAMPAIGN_DEFINED).apply_to_campaign(campaign)
    assert ("CAMPAIGN_DEFINED", "APPROVED") == (campaign.project_state, campaign.strategy_status)


def test_q04_derived_state_after_approval_is_still_strategy_generated():
    """After approval the row still says STRATEGY_GENERATED, and that canonical name wins over APPROVED."""
    assert S.STRATEGY_GENERATED == Project.from_campaign(_campaign("STRATEGY_GENERATED", "APPROVED")).state


def test_q24_machine_forbids_qc_failed_to_delivered():
    """QC_FAILED → DELIVERED is not a transition of the machine (the packager bypasses it, Q-24)."""
    project = Project(id="p", name="Acme", state=S.QC_FAILED)
    assert False is project.can_transition_to(S.DELIVERED)
    with pytest.raises(IllegalStateTransition):
        project.transition_to(S.DELIVERED)
