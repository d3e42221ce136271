"""The canonical project state machine (spec section 2): every transition, derivation, sync."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from aicmo.domain import IllegalStateTransition, Project, ProjectState

pytestmark = pytest.mark.legacy_internals("domain")


def _attempt(source: ProjectState, target: ProjectState) -> str:
    project = Project(id="p", name="P", state=source)
    try:
        project.transition_to(target)
    except IllegalStateTransition as exc:
        return f"illegal: {exc}"
    return f"ok (strategy_status={project.strategy_status})"


def test_the_full_transition_table(snapshot_json):
    """Every (from, to) pair of the nine states: allowed, with the status it syncs, or illegal."""
    table = {s.value: {t.value: _attempt(s, t) for t in ProjectState} for s in ProjectState}
    assert snapshot_json == table


@pytest.mark.parametrize(
    "project_state, strategy_status",
    [
        ("STRATEGY_DRAFT", None),
        ("STRATEGY_DRAFT", "APPROVED"),
        ("STRATEGY_DRAFT", "REJECTED"),
        ("REJECTED", "APPROVED"),
        ("DELIVERED", None),
        ("QC_FAILED", "APPROVED"),
        ("qc_failed", "DRAFT"),
        (None, None),
    ],
)

def test_the_state_derived_from_a_campaign_row(project_state, strategy_status, snapshot_json):
    """L-09: a canonical name wins; otherwise APPROVED -> STRATEGY_APPROVED, else STRATEGY_GENERATED."""
    row = SimpleNamespace(id="c", name="C", project_state=project_state, strategy_status=strategy_status)
    assert snapshot_json == Project.from_campaign(row)


def test_applying_a_project_writes_state_and_keeps_the_strategy_status(snapshot_json):
    """L-09b: apply_to_campaign writes project_state and, once set, strategy_status."""
    row = SimpleNamespace(project_state="STRATEGY_DRAFT", strategy_status="REJECTED")
    steps = []
    project = Project(id="c", name="C")
    for target in [ProjectState.INTAKE_COMPLETE, ProjectState.STRATEGY_GENERATED, ProjectState.STRATEGY_APPROVED, ProjectState.CAMPAIGN_DEFINED]:
        project.transition_to(target)
        project.apply_to_campaign(row)
        steps.append(dict(vars(row)))
    assert snapshot_json == steps
