"""The project state machine (spec section 2, L-09, L-09b): derivation partitions and sequences.

Derivation is pinned for every project_state / strategy_status combination, including case
and padding variants; sequences run different transitions in order on one project and write
each step to one campaign row, as the operator flow does.
"""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from aicmo.domain import IllegalStateTransition, Project, ProjectState
from aicmo.domain import project as project_module

pytestmark = [pytest.mark.aicmo_evidence(module="strategy", suite="characterization"), pytest.mark.legacy_internals("domain")]

CANONICAL = [s.value for s in ProjectState]
# the canonical machine of the spec, as (from, to) pairs
SPEC_TRANSITIONS = {
    ("CREATED", "INTAKE_COMPLETE"), ("INTAKE_COMPLETE", "STRATEGY_GENERATED"),
    ("STRATEGY_GENERATED", "STRATEGY_APPROVED"), ("STRATEGY_APPROVED", "CAMPAIGN_DEFINED"),
    ("CAMPAIGN_DEFINED", "CREATIVE_GENERATED"), ("CREATIVE_GENERATED", "QC_FAILED"),
    ("CREATIVE_GENERATED", "QC_APPROVED"), ("QC_FAILED", "QC_APPROVED"), ("QC_APPROVED", "DELIVERED"),
}


def test_the_spec_machine_is_legacy_machine():
    """State machine: the nine canonical states and exactly the spec's transitions."""
    legacy = {(s.value, t.value) for s, targets in project_module.ALLOWED_TRANSITIONS.items() for t in targets}
    assert legacy == SPEC_TRANSITIONS
    assert set(project_module.ALLOWED_TRANSITIONS) == set(ProjectState)


def _row(project_state: Any, strategy_status: Any) -> SimpleNamespace:
    return SimpleNamespace(id="c-1", name="Harbour", project_state=project_state, strategy_status=strategy_status)


def test_derivation_of_every_state_and_status_combination(snapshot_json):
    """L-09: only an exact canonical name wins; else exactly "APPROVED" derives STRATEGY_APPROVED."""
    states: list[Any] = [None, "", "STRATEGY_DRAFT", "REJECTED", "CHANGES_REQUESTED", "APPROVED"]
    for value in CANONICAL:
        states += [value, value.lower(), value.title(), f" {value}", f"{value} ", f"{value}\n"]
    statuses = [None, "", "APPROVED", "approved", "Approved", " APPROVED", "APPROVED ", "DRAFT", "REJECTED", "STRATEGY_APPROVED"]
    table = {}
    for state in states:
        table[repr(state)] = {repr(status): Project.from_campaign(_row(state, status)).state.value for status in statuses}
    for value in CANONICAL:
        assert set(table[repr(value)].values()) == {value}
    assert set(table[repr(None)].values()) == {"STRATEGY_APPROVED", "STRATEGY_GENERATED"}
    assert snapshot_json == table


def test_a_derived_project_keeps_the_row_identity_and_status(snapshot_json):
    """L-09: id, name and the strategy_status as stored (even padded or lower-case) are carried over."""
    rows = [_row("STRATEGY_DRAFT", " approved "), _row("QC_FAILED", None), SimpleNamespace(id="", name="", project_state=None, strategy_status="")]
    assert snapshot_json == [Project.from_campaign(r) for r in rows]


def _walk(project: Project, row: SimpleNamespace, targets: list[Any]) -> list[dict[str, Any]]:
    """Each target in turn on one project, applied to one row; a refused step leaves both unchanged."""
    steps = []
    for target in targets:
        try:
            returned = project.transition_to(target)
            assert returned is project
            outcome = "ok"
            project.apply_to_campaign(row)
        except IllegalStateTransition as exc:
            outcome = f"IllegalStateTransition: {exc}"
        except ValueError as exc:
            outcome = f"ValueError: {exc}"
        steps.append({
            "target": target.value if isinstance(target, ProjectState) else target,
            "outcome": outcome,
            "project": [project.state.value, project.strategy_status],
            "row": [row.project_state, row.strategy_status],
            "next_allowed": [s.value for s in ProjectState if project.can_transition_to(s)],
        })
    return steps


def test_sequences_of_transitions_on_one_project(snapshot_json):
    """State machine + L-09b: the whole way with a QC failure, illegal steps in between, string targets."""
    S = ProjectState
    sequences = {
        "the whole way through a QC failure": (
            Project(id="p", name="P"), _row("STRATEGY_DRAFT", None),
            [S.INTAKE_COMPLETE, S.STRATEGY_GENERATED, S.STRATEGY_APPROVED, S.CAMPAIGN_DEFINED,
             S.CREATIVE_GENERATED, S.QC_FAILED, S.QC_APPROVED, S.DELIVERED],
        ),
        "illegal steps leave the project where it was": (
            Project(id="p", name="P"), _row("STRATEGY_DRAFT", "REJECTED"),
            [S.STRATEGY_GENERATED, S.INTAKE_COMPLETE, S.INTAKE_COMPLETE, S.STRATEGY_APPROVED, S.STRATEGY_GENERATED,
             S.CREATED, S.STRATEGY_APPROVED, S.CAMPAIGN_DEFINED, S.QC_APPROVED, S.CREATIVE_GENERATED,
             S.QC_APPROVED, S.QC_FAILED, S.DELIVERED, S.DELIVERED, S.QC_APPROVED],
        ),
        "targets given as text": (
            Project(id="p", name="P"), _row(None, None),
            ["INTAKE_COMPLETE", "strategy_generated", " STRATEGY_GENERATED", "STRATEGY_GENERATED", "Delivered"],
        ),
        "a project derived from an approved row": (
            Project.from_campaign(_row("STRATEGY_DRAFT", "APPROVED")), _row("STRATEGY_DRAFT", "APPROVED"),
            [S.CAMPAIGN_DEFINED, S.CREATIVE_GENERATED, S.QC_APPROVED, S.QC_FAILED, S.DELIVERED],
        ),
        "a project derived from a rejected row": (
            Project.from_campaign(_row("STRATEGY_DRAFT", "REJECTED")), _row("STRATEGY_DRAFT", "REJECTED"),
            [S.STRATEGY_APPROVED, S.CAMPAIGN_DEFINED],
        ),
    }
    table = {name: _walk(project, row, targets) for name, (project, row, targets) in sequences.items()}
    assert snapshot_json == table


def test_the_operator_flow_re_derives_after_approval(snapshot_json):
    """L-09b/Q-04: after approval the flow derives again; the canonical STRATEGY_GENERATED on the row wins."""
    row = _row("STRATEGY_DRAFT", None)
    project = Project(id="c-1", name="Harbour")
    steps = _walk(project, row, [ProjectState.INTAKE_COMPLETE, ProjectState.STRATEGY_GENERATED])
    row.strategy_status = "APPROVED"  # what approve_strategy writes (L-08)
    rederived = Project.from_campaign(row)
    as_derived = rederived.model_dump(mode="json")
    steps += _walk(rederived, row, [ProjectState.STRATEGY_APPROVED, ProjectState.CAMPAIGN_DEFINED, ProjectState.CREATIVE_GENERATED])
    assert snapshot_json == {"steps": steps, "rederived": as_derived}
