"""OnboardingPort contract: intake, brief, completeness, project and its state machine."""
from __future__ import annotations

import pytest

from aicmo.onboarding.api import (
    ClientIntake,
    ClientNotFound,
    IllegalStateTransition,
    ProjectState,
)
from aicmo.shared.errors import ContractError
from tests.port_suites.builders import INTAKE, UNKNOWN

pytestmark = pytest.mark.aicmo_evidence(module="onboarding", suite="contract")


def test_read_intake_request_accepts_the_aliases(ports):
    """brand, audience and goal are read as brand_name, target_audiences and primary_goal (L-02)."""
    intake = ports.onboarding.read_intake_request({"brand": "Acme", "audience": "CFOs", "goal": "sales"})
    assert ("Acme", ("CFOs",), "sales") == (intake.brand_name, intake.target_audiences, intake.primary_goal.value)


def test_read_intake_request_names_unknown_brand(ports):
    """A request without a brand becomes the brand "Unknown" (Q-01)."""
    assert "Unknown" == ports.onboarding.read_intake_request({}).brand_name


def test_read_intake_request_refuses_a_bad_field_with_a_contract_error(ports):
    """An unknown goal is a contract error, not a validation exception."""
    with pytest.raises(ContractError):
        ports.onboarding.read_intake_request({"brand": "Acme", "goal": "world domination"})


def test_build_brief_fills_the_silent_defaults(ports):
    """Missing industry, product, goal, customer and timeline get the L-01 defaults."""
    brief = ports.onboarding.build_brief(ClientIntake(brand_name="Acme"))
    expected = ("General", "Products and services", "Growth", "Target customers", "90 days")
    assert expected == (brief.industry, brief.product_service, brief.primary_goal.value, brief.primary_customer, brief.timeline)


def test_check_intake_lists_every_missing_required_field(ports):
    """An empty intake misses all eight required fields (L-03)."""
    completeness = ports.onboarding.check_intake(ClientIntake())
    assert (8, False) == (len(completeness.missing_fields), completeness.complete)


def test_check_intake_of_a_full_intake_is_complete(ports):
    """A filled intake misses nothing."""
    assert ((), True) == tuple(ports.onboarding.check_intake(INTAKE).model_dump().values())


def test_onboard_client_creates_the_project(ports):
    """The project is named after the brand, holds the pack and starts STRATEGY_DRAFT (L-04, Q-02)."""
    project = ports.onboarding.onboard_client(INTAKE, "k1")
    assert (INTAKE.brand_name, "full_funnel", ProjectState.STRATEGY_DRAFT) == (project.name, project.pack.value, project.state)
    assert project == ports.onboarding.get_project(project.client_id)


def test_onboard_client_is_idempotent(ports):
    """The same key returns the first project."""
    assert ports.onboarding.onboard_client(INTAKE, "k1") == ports.onboarding.onboard_client(INTAKE, "k1")


def test_get_project_of_an_unknown_client_is_not_found(ports):
    """ClientNotFound for an unknown id."""
    with pytest.raises(ClientNotFound):
        ports.onboarding.get_project(UNKNOWN)


def test_advance_project_moves_along_the_machine(ports):
    """A new project moves to INTAKE_COMPLETE."""
    project = ports.onboarding.onboard_client(INTAKE, "k1")
    moved = ports.onboarding.advance_project(project.client_id, ProjectState.INTAKE_COMPLETE, "k2")
    assert ProjectState.INTAKE_COMPLETE == moved.state


def test_advance_project_refuses_an_illegal_transition(ports):
    """A new project cannot jump to DELIVERED."""
    project = ports.onboarding.onboard_client(INTAKE, "k1")
    with pytest.raises(IllegalStateTransition):
        ports.onboarding.advance_project(project.client_id, ProjectState.DELIVERED, "k2")


def test_advance_project_of_an_unknown_client_is_not_found(ports):
    """ClientNotFound for an unknown id."""
    with pytest.raises(ClientNotFound):
        ports.onboarding.advance_project(UNKNOWN, ProjectState.INTAKE_COMPLETE, "k2")


def test_add_project_note_appends_to_the_description(ports):
    """The note ends the description."""
    project = ports.onboarding.onboard_client(INTAKE, "k1")
    noted = ports.onboarding.add_project_note(project.client_id, "[Checked]", "k2")
    assert f"{project.description} [Checked]" == noted.description


def test_add_project_note_of_an_unknown_client_is_not_found(ports):
    """ClientNotFound for an unknown id."""
    with pytest.raises(ClientNotFound):
        ports.onboarding.add_project_note(UNKNOWN, "x", "k2")


def _qc_failed(ports):
    project = ports.onboarding.onboard_client(INTAKE, "k1")
    for step, state in enumerate(("INTAKE_COMPLETE", "STRATEGY_GENERATED", "STRATEGY_APPROVED", "CAMPAIGN_DEFINED",
                                  "CREATIVE_GENERATED", "QC_FAILED")):
        ports.onboarding.advance_project(project.client_id, ProjectState(state), f"advance-{step}")
    return project


def test_record_skipped_gate_delivery_delivers_a_qc_failed_project(ports):
    """Past a skipped gate a QC_FAILED project is DELIVERED (Q-24), which advance_project refuses; the key replays."""
    project = _qc_failed(ports)
    with pytest.raises(IllegalStateTransition):
        ports.onboarding.advance_project(project.client_id, ProjectState.DELIVERED, "advance-delivered")
    delivered = ports.onboarding.record_skipped_gate_delivery(project.client_id, "delivered")
    assert (ProjectState.DELIVERED, ProjectState.DELIVERED) == (delivered.state, ports.onboarding.get_project(project.client_id).state)
    assert delivered == ports.onboarding.record_skipped_gate_delivery(project.client_id, "delivered")


def test_record_skipped_gate_delivery_leaves_any_other_state(ports):
    """A project not in QC_FAILED is left as it is, as legacy's packager leaves it."""
    project = ports.onboarding.onboard_client(INTAKE, "k1")
    assert ProjectState.STRATEGY_DRAFT == ports.onboarding.record_skipped_gate_delivery(project.client_id, "delivered").state
    assert ProjectState.STRATEGY_DRAFT == ports.onboarding.get_project(project.client_id).state


def test_record_skipped_gate_delivery_of_an_unknown_client_is_not_found(ports):
    """ClientNotFound for an unknown id."""
    with pytest.raises(ClientNotFound):
        ports.onboarding.record_skipped_gate_delivery(UNKNOWN, "delivered")
def test_record_client_rejection_rejects_the_project_outside_the_machine(ports):
    """A client's rejection makes the project REJECTED (Q-10), which advance_project refuses; the key replays its answer."""
    project = _qc_failed(ports)
    with pytest.raises(IllegalStateTransition):
        ports.onboarding.advance_project(project.client_id, ProjectState.REJECTED, "advance-rejected")
    rejected = ports.onboarding.record_client_rejection(project.client_id, "rejected")
    assert (ProjectState.REJECTED, ProjectState.REJECTED) == (rejected.state, ports.onboarding.get_project(project.client_id).state)
    assert rejected == ports.onboarding.record_client_rejection(project.client_id, "rejected")


def test_record_client_rejection_of_a_rejected_project_changes_nothing(ports):
    """A second rejection (another round, another key) leaves the REJECTED project as it is."""
    project = ports.onboarding.onboard_client(INTAKE, "k1")
    first = ports.onboarding.record_client_rejection(project.client_id, "rejected-1")
    assert first == ports.onboarding.record_client_rejection(project.client_id, "rejected-2")
    assert first == ports.onboarding.get_project(project.client_id)


def test_record_client_rejection_of_an_unknown_client_is_not_found(ports):
    """ClientNotFound for an unknown id."""
    with pytest.raises(ClientNotFound):
        ports.onboarding.record_client_rejection(UNKNOWN, "rejected")




def test_cancel_project_cancels_once_and_no_move_leaves_it(ports):
    """The compensation: CANCELLED, advance_project refuses every move from it; the key replays its answer,
    another key finds it already compensated, an unknown client has nothing to compensate."""
    from aicmo.shared.compensation import CompensationStatus

    project = ports.onboarding.onboard_client(INTAKE, "k1")
    cancelled = ports.onboarding.cancel_project(project.client_id, "cancel")
    assert (CompensationStatus.COMPENSATED, (str(project.client_id),)) == (cancelled.status, cancelled.undone)
    assert ProjectState.CANCELLED == ports.onboarding.get_project(project.client_id).state
    with pytest.raises(IllegalStateTransition):
        ports.onboarding.advance_project(project.client_id, ProjectState.INTAKE_COMPLETE, "advance")
    assert cancelled == ports.onboarding.cancel_project(project.client_id, "cancel")
    assert CompensationStatus.ALREADY_COMPENSATED == ports.onboarding.cancel_project(project.client_id, "cancel-2").status
    assert CompensationStatus.NOTHING_TO_COMPENSATE == ports.onboarding.cancel_project(UNKNOWN, "cancel-3").status
