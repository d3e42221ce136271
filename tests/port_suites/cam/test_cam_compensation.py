"""cancel_project, cam's compensation of the project steps: the project row is cam's table."""
from __future__ import annotations

import pytest

from aicmo.onboarding.api import IllegalStateTransition, ProjectState
from aicmo.shared.compensation import CompensationStatus
from tests.port_suites.builders import UNKNOWN

pytestmark = pytest.mark.aicmo_evidence(module="cam", suite="contract")


def test_a_cancelled_project_reads_cancelled_and_moves_no_more(ports, outcome):
    """After cancel_project the project is CANCELLED, and no transition leaves that state."""
    client_id = outcome.project.client_id
    result = ports.cam.cancel_project(client_id, "cancel")
    assert (CompensationStatus.COMPENSATED, (str(client_id),)) == (result.status, result.undone)
    assert ProjectState.CANCELLED is ports.onboarding.get_project(client_id).state
    # legacy's Project.from_campaign reads a state it does not know from the strategy status:
    # a move allowed from there must fail too
    for target in (ProjectState.CAMPAIGN_DEFINED, ProjectState.DELIVERED):
        with pytest.raises(IllegalStateTransition):
            ports.onboarding.advance_project(client_id, target, f"after-cancel:{target.value}")
    assert ProjectState.CANCELLED is ports.onboarding.get_project(client_id).state


def test_cancelling_twice_cancels_once(ports, outcome):
    """The same key answers as the first call; another key finds it ALREADY_COMPENSATED."""
    client_id = outcome.project.client_id
    first = ports.cam.cancel_project(client_id, "cancel")
    assert first == ports.cam.cancel_project(client_id, "cancel")
    again = ports.cam.cancel_project(client_id, "cancel-again")
    assert (CompensationStatus.ALREADY_COMPENSATED, ()) == (again.status, again.undone)
    assert ProjectState.CANCELLED is ports.onboarding.get_project(client_id).state


def test_cancelling_an_unknown_project_is_a_no_op(ports):
    """A project that was never created: NOTHING_TO_COMPENSATE, not an error."""
    assert CompensationStatus.NOTHING_TO_COMPENSATE is ports.cam.cancel_project(UNKNOWN, "cancel").status
