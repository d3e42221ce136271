"""The route state machine: one step forward or back; every other jump is refused."""
from __future__ import annotations

import attrs
import pytest

from aicmo.strangler.migration import UnknownModule, change_route, current_route, promote_module, rollback_module
from aicmo.strangler.routes import IllegalTransition, Route

from .conftest import POLICY, full_evidence, move


def test_a_module_starts_on_legacy(session):
    """Without any row a module is on legacy."""
    assert Route.LEGACY == current_route(session, "qc")


@pytest.mark.parametrize("path, target", [
    ((), Route.NEW),
    ((), Route.DELETED),
    ((Route.SHADOW,), Route.DELETED),
    ((Route.SHADOW, Route.NEW), Route.LEGACY),
    ((Route.SHADOW,), Route.SHADOW),
])
def test_a_jump_is_refused(sessions, clock, recorder, path, target):
    """Skipping a state, jumping back two, or staying put is an illegal transition naming the legal steps."""
    full_evidence(recorder)
    move(sessions, clock, "qc", *path)
    with sessions.begin() as session, pytest.raises(IllegalTransition, match="only"):
        change_route(session, clock, "qc", target, "tester", "jump", policy=POLICY)


def test_the_full_walk_and_one_step_back(sessions, clock, recorder):
    """legacy -> shadow -> new -> deleted, then each rollback goes one step back."""
    with sessions.begin() as session:
        assert Route.SHADOW == promote_module(session, clock, "qc", "ana", "shadow it", policy=POLICY)
    full_evidence(recorder)
    for expected in (Route.NEW, Route.DELETED):
        with sessions.begin() as session:
            assert expected == promote_module(session, clock, "qc", "ana", "next", policy=attrs.evolve(POLICY, min_comparisons=200),
                                               confirm_deletion=True, deletion_blockers=[])
    for expected in (Route.NEW, Route.SHADOW, Route.LEGACY):
        with sessions.begin() as session:
            assert expected == rollback_module(session, clock, "qc", "ana", "back")


def test_no_step_past_either_end(sessions, clock, recorder):
    """Rolling back from legacy and promoting past deleted are refused."""
    with sessions.begin() as session, pytest.raises(IllegalTransition, match="nothing to roll back"):
        rollback_module(session, clock, "qc", "ana", "back")
    full_evidence(recorder)
    move(sessions, clock, "qc", Route.SHADOW, Route.NEW, Route.DELETED)
    with sessions.begin() as session, pytest.raises(IllegalTransition, match="already deleted"):
        promote_module(session, clock, "qc", "ana", "again", policy=POLICY)


def test_an_unknown_module_is_bad_input(sessions, clock):
    """Only the ten business modules have routes."""
    with sessions.begin() as session, pytest.raises(UnknownModule, match="unknown module 'marketing'"):
        promote_module(session, clock, "marketing", "ana", "why", policy=POLICY)
