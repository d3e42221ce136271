"""Differential: the project on the legacy adapter and on the new onboarding with its legacy view, step for step.

Each generated sequence mixes the port's commands (moves to any state, notes) with what frozen
legacy writers of other modules do to the project row (client_review's REJECTED, delivery's
DELIVERED, cam's CANCELLED, strategy's approval and rejection stamps). After every step both
paths answer the same project, or refuse with the same error.
"""
from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acl._support.legacy_session import legacy_session
from acl.onboarding.adapter import LegacyOnboarding
from acl.onboarding.legacy_view_sync import OnboardingWithLegacyView
from acl.strategy import approval
from aicmo.onboarding.api import ProjectState
from aicmo.onboarding.internal.descriptor import build_onboarding
from aicmo.shared.clock import SystemClock
from aicmo.shared.errors import ContractError
from backend.db.models import CampaignRow
from tests.port_suites.builders import INTAKE

pytestmark = pytest.mark.legacy_internals("onboarding", "strategy")

steps = st.one_of(
    st.tuples(st.just("advance"), st.sampled_from(list(ProjectState))),
    # a note that only looks like a decision stamp is the declared divergence strategy-status-from-stamps
    st.tuples(st.just("note"), st.sampled_from(["[Checked]", "[Reviewed: twice]"])),
    st.tuples(st.just("legacy_state"), st.sampled_from(["REJECTED", "DELIVERED", "CANCELLED"])),
    st.tuples(st.just("approve"), st.none()),
    st.tuples(st.just("reject"), st.sampled_from(["too vague", "off brand"])),
)
# the canonical path is likelier to be walked when most moves go one step on
journeys = st.lists(steps, min_size=1, max_size=14)
_keys = itertools.count()


def apply(port, client_id: str, step) -> tuple:
    kind, value = step
    try:
        if kind == "advance":
            project = port.advance_project(client_id, value, f"a{next(_keys)}")
        elif kind == "note":
            project = port.add_project_note(client_id, value, f"n{next(_keys)}")
        else:
            with legacy_session("test") as session:
                if kind == "legacy_state":
                    session.get(CampaignRow, client_id).project_state = value
                elif kind == "approve":
                    approval.approve(session, client_id)
                else:
                    approval.reject(session, client_id, value)
            project = port.get_project(client_id)
    except ContractError as error:
        return ("refused", error.code, str(error))
    return (project.state, project.description)


@pytest.fixture
def paths(database, legacy_database, fixed_clock):
    return LegacyOnboarding(), OnboardingWithLegacyView(build_onboarding(database.engine, SystemClock(), {}))


def test_both_paths_answer_every_step_alike(paths):
    legacy, new = paths

    @settings(max_examples=60, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(journey=journeys)
    def run(journey):
        key = f"k{next(_keys)}"
        on_legacy, on_new = legacy.onboard_client(INTAKE, key).client_id, new.onboard_client(INTAKE, key).client_id
        for step in journey:
            assert apply(legacy, on_legacy, step) == apply(new, on_new, step), step
        assert legacy.get_project(on_legacy).model_dump(exclude={"client_id"}) == \
            new.get_project(on_new).model_dump(exclude={"client_id"})

    run()


def test_the_declared_divergence_a_draft_before_the_first_move(paths):
    """strategy-status-from-stamps: a drafted, undecided strategy before the first move restarts legacy at STRATEGY_GENERATED, the new path at CREATED."""
    legacy, new = paths
    answers = []
    for port in (legacy, new):
        client = port.onboard_client(INTAKE, f"k{next(_keys)}").client_id
        with legacy_session("strategy") as session:
            session.get(CampaignRow, client).strategy_status = "DRAFT"  # what strategy's draft writes (L-07)
        answers.append(apply(port, client, ("advance", ProjectState.INTAKE_COMPLETE)))
    assert [("refused", "illegal_state_transition", "STRATEGY_GENERATED -> INTAKE_COMPLETE"),
            (ProjectState.INTAKE_COMPLETE, "Client project for Helix Analytics GmbH")] == answers
