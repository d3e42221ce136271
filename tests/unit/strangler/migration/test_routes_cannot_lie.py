"""Each lie a route change could tell is planted and refused: a module with nothing new to run,
an unconfirmed or unready deletion, unknown or empty divergence names, stale suite runs, and
comparisons from before the module entered shadow. Nothing is written by a refusal.
"""
from __future__ import annotations

import attrs
import pytest
from sqlalchemy import select

from aicmo.strangler.evidence import EvidenceError
from aicmo.strangler.evidence.tables import DeclaredDivergenceRow
from aicmo.strangler.migration import ChangeRefused, PromotionRefused, current_route, promote_module
from aicmo.strangler.routes import Route, RouteChangeRow

from .conftest import COMMIT, POLICY, full_evidence, move, tick


def _audit(sessions) -> list[tuple]:
    with sessions() as session:
        return [(r.kind, r.from_value, r.to_value) for r in session.scalars(select(RouteChangeRow).order_by(RouteChangeRow.id))]


def _promote(sessions, clock, module="qc", policy=POLICY, **deletion):
    with sessions.begin() as session:
        return promote_module(session, clock, module, "ana", "go", policy=policy, **deletion)


def test_a_module_without_a_new_implementation_cannot_leave_legacy(sessions, clock):
    """promote cam: refused (cam has no new implementation), cam stays on legacy, nothing audited."""
    with pytest.raises(ChangeRefused, match="cam has no new implementation"):
        _promote(sessions, clock, "cam")
    with sessions() as session:
        assert Route.LEGACY == current_route(session, "cam")
    assert [] == _audit(sessions)


@pytest.fixture
def on_new(sessions, clock, recorder):
    move(sessions, clock, "qc", Route.SHADOW)
    full_evidence(recorder)
    _promote(sessions, clock)
    return Route.NEW


@pytest.mark.parametrize("deletion, refusal", [
    ({}, "confirm it"),
    ({"confirm_deletion": True}, "deletion readiness .* was not evaluated"),
    ({"confirm_deletion": True, "deletion_blockers": ["still imported by acl/delivery/adapter.py"]},
     "deletion refused: still imported by acl/delivery/adapter.py"),
])
def test_deletion_needs_confirmation_and_readiness(sessions, clock, on_new, deletion, refusal):
    """new -> deleted without --confirm, without the checklist, or with something still needing legacy: refused."""
    with pytest.raises(ChangeRefused, match=refusal):
        _promote(sessions, clock, **deletion)
    with sessions() as session:
        assert Route.NEW == current_route(session, "qc")


def test_a_confirmed_ready_deletion_goes_through(sessions, clock, on_new):
    assert Route.DELETED == _promote(sessions, clock, confirm_deletion=True, deletion_blockers=[])


@pytest.mark.parametrize("name, refusal", [
    ("", "needs a name"),
    ("  ", "needs a name"),
    ("rounding-fixx", "unknown divergence 'rounding-fixx' for qc"),
])
def test_empty_or_unknown_divergence_names_are_refused(sessions, recorder, name, refusal):
    with pytest.raises(EvidenceError, match=refusal):
        recorder.declare_divergence("qc", name, "legacy rounds down", "ana", known={"rounding-fix"})
    assert [] == _audit(sessions)


def test_a_withdrawn_divergence_blocks_the_gate_again_and_is_audited(sessions, clock, recorder):
    """Declared, the mismatch is explained; withdrawn, it blocks; both steps are on the audit trail."""
    move(sessions, clock, "qc", Route.SHADOW)
    full_evidence(recorder, comparisons=199)
    recorder.record_comparison("qc", False, diff={"score": [70, 71]}, divergence="rounding-fix")
    recorder.declare_divergence("qc", "rounding-fix", "legacy rounds down", "ana", known={"rounding-fix"})
    recorder.withdraw_divergence("qc", "rounding-fix", "the fix was reverted", "bo")
    with pytest.raises(PromotionRefused, match="unexplained mismatches: 1"):
        _promote(sessions, clock)
    with sessions() as session:
        assert [] == list(session.scalars(select(DeclaredDivergenceRow)))
    assert ("divergence", "declared", "withdrawn") == _audit(sessions)[-1]
    with pytest.raises(EvidenceError, match="no declared divergence 'rounding-fix'"):
        recorder.withdraw_divergence("qc", "rounding-fix", "again", "bo")


def test_a_suite_run_at_another_commit_is_named_stale(sessions, clock, recorder):
    move(sessions, clock, "qc", Route.SHADOW)
    full_evidence(recorder)
    recorder.record_suite_run("qc", "contract", "new", True, database=recorder.database, commit="0ld" * 13 + "0")
    with pytest.raises(PromotionRefused, match=r"contract suite: stale: run #\d+ .* ran at commit 0ld0ld"):
        _promote(sessions, clock)


def test_a_suite_run_without_a_known_commit_is_refused(sessions, clock, recorder):
    """No commit named for the promotion: no suite run can be shown to be about this code."""
    move(sessions, clock, "qc", Route.SHADOW)
    full_evidence(recorder)
    with pytest.raises(PromotionRefused, match="the commit being promoted is unknown"):
        _promote(sessions, clock, policy=attrs.evolve(POLICY, commit=None))


def test_suite_runs_from_before_entering_shadow_are_named_stale(sessions, clock, recorder):
    """Green runs, then a rollback to legacy and a new entry into shadow: the old runs no longer count."""
    move(sessions, clock, "qc", Route.SHADOW)
    full_evidence(recorder)
    tick(clock)
    move(sessions, clock, "qc", Route.LEGACY, Route.SHADOW)
    for _ in range(200):
        recorder.record_comparison("qc", True)
    with pytest.raises(PromotionRefused, match="characterization suite: stale: run #\\d+ .* predates the entry into shadow"):
        _promote(sessions, clock)


def test_comparisons_count_only_since_entering_shadow(sessions, clock, recorder):
    """200 comparisons from an earlier shadow period do not count after going back and re-entering it."""
    move(sessions, clock, "qc", Route.SHADOW)
    full_evidence(recorder)
    move(sessions, clock, "qc", Route.LEGACY, Route.SHADOW)
    for suite in ("characterization", "contract"):
        recorder.record_suite_run("qc", suite, "new", True, database=recorder.database, commit=COMMIT)
    with pytest.raises(PromotionRefused, match="shadow comparisons: 0 of 200"):
        _promote(sessions, clock)
