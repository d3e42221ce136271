"""The shadow -> new gate: suites passed on the new path, enough comparisons, no unexplained mismatch."""
from __future__ import annotations

import attrs
import pytest
from sqlalchemy import select

from aicmo.strangler.evidence import EvidenceError
from aicmo.strangler.migration import PromotionRefused, current_route, promote_module
from aicmo.strangler.routes import Route, RouteChangeRow

from .conftest import COMMIT, POLICY, move, tick


def _evidence(recorder, suites=("characterization", "contract"), failed=(), comparisons=200, mismatches=()):
    for suite in suites:
        recorder.record_suite_run("qc", suite, "new", suite not in failed, database=recorder.database, commit=COMMIT)
    for _ in range(comparisons - len(mismatches)):
        recorder.record_comparison("qc", True)
    for divergence in mismatches:
        recorder.record_comparison("qc", False, diff={"score": [70, 71]}, divergence=divergence)


def _promote(sessions, clock):
    with sessions.begin() as session:
        return promote_module(session, clock, "qc", "ana", "evidence is in", policy=POLICY)


@pytest.fixture
def shadowing(sessions, clock):
    move(sessions, clock, "qc", Route.SHADOW)


def test_full_evidence_opens_the_gate(sessions, clock, recorder, shadowing):
    """Both suites green on the new path and 200 matching comparisons: promoted."""
    _evidence(recorder)
    assert Route.NEW == _promote(sessions, clock)


@pytest.mark.parametrize("planted, missing", [
    ({"suites": ("contract",)}, "characterization suite: no run recorded on the new path"),
    ({"suites": ("characterization",)}, "contract suite: no run recorded on the new path"),
    ({"failed": ("contract",)}, "contract suite: the latest run on the new path failed"),
    ({"comparisons": 199}, "shadow comparisons: 199 of 200"),
    ({"mismatches": (None,)}, "unexplained mismatches: 1"),
    ({"mismatches": ("rounding-fix",)}, "unexplained mismatches: 1"),  # named but never declared
])
def test_each_missing_piece_of_evidence_refuses_and_is_named(sessions, clock, recorder, shadowing, planted, missing):
    """A refused promotion says which evidence is missing, and the route stays shadow."""
    _evidence(recorder, **planted)
    with pytest.raises(PromotionRefused, match="missing evidence") as refused:
        _promote(sessions, clock)
    assert any(m.startswith(missing) for m in refused.value.verdict.missing)
    with sessions() as session:
        assert Route.SHADOW == current_route(session, "qc")
        assert 1 == len(session.scalars(select(RouteChangeRow)).all())


def test_suites_on_the_legacy_path_do_not_count(sessions, clock, recorder, shadowing):
    """Only runs on the new path are evidence for the new path."""
    recorder.record_suite_run("qc", "characterization", "legacy", True, database=recorder.database, commit=COMMIT)
    _evidence(recorder, suites=("contract",))
    with pytest.raises(PromotionRefused, match="characterization suite"):
        _promote(sessions, clock)


def test_a_later_green_run_replaces_a_red_one(sessions, clock, recorder, shadowing):
    """The latest run of a suite is the one that counts."""
    _evidence(recorder, failed=("contract",))
    tick(clock)
    recorder.record_suite_run("qc", "contract", "new", True, database=recorder.database, commit=COMMIT)
    assert Route.NEW == _promote(sessions, clock)


def test_suites_run_on_another_kind_of_database_do_not_count(sessions, clock, recorder, shadowing):
    """A deployment's gate reads only suite runs on its own kind of database."""
    other = "postgresql" if recorder.database == "sqlite" else "sqlite"
    for suite in ("characterization", "contract"):
        recorder.record_suite_run("qc", suite, "new", True, database=other)
    _evidence(recorder, suites=())
    with pytest.raises(PromotionRefused) as refused:
        _promote(sessions, clock)
    assert f"characterization suite: no run recorded on the new path on {recorder.database}" in refused.value.verdict.missing


def test_an_unknown_kind_of_database_is_refused(recorder):
    """A suite run must say which database it ran on, among those the gate knows."""
    with pytest.raises(EvidenceError, match="unknown database 'mysql'"):
        recorder.record_suite_run("qc", "contract", "new", True, database="mysql")


def test_a_declared_divergence_explains_its_mismatches_and_is_listed(sessions, clock, recorder, shadowing):
    """Mismatches tagged with a declared divergence pass the gate; the audit lists it with its reason."""
    recorder.declare_divergence("qc", "rounding-fix", "legacy rounds 70.5 down; new rounds half up", "ana", known={"rounding-fix", "x"})
    _evidence(recorder, mismatches=("rounding-fix", "rounding-fix"))
    assert Route.NEW == _promote(sessions, clock)
    with sessions() as session:
        evidence = session.scalars(select(RouteChangeRow.evidence).where(RouteChangeRow.to_value == "new")).one()
    assert {"rounding-fix": 2} == evidence["explained_mismatches"]
    assert [{"name": "rounding-fix", "reason": "legacy rounds 70.5 down; new rounds half up"}] == evidence["declared_divergences"]


def test_comparisons_count_from_the_latest_entry_into_shadow(sessions, clock, recorder):
    """After going back to legacy and shadowing again, old comparisons (and old mismatches) no longer count."""
    move(sessions, clock, "qc", Route.SHADOW)
    _evidence(recorder, mismatches=(None,))
    tick(clock)
    move(sessions, clock, "qc", Route.LEGACY, Route.SHADOW)
    with pytest.raises(PromotionRefused, match="shadow comparisons: 0 of 200"):
        _promote(sessions, clock)
    _evidence(recorder)
    assert Route.NEW == _promote(sessions, clock)


def test_the_minimum_is_configurable(sessions, clock, recorder, shadowing):
    """N comparisons: 5 are enough when the gate asks for 5."""
    _evidence(recorder, comparisons=5)
    with sessions.begin() as session:
        assert Route.NEW == promote_module(session, clock, "qc", "ana", "small module", policy=attrs.evolve(POLICY, min_comparisons=5))


def test_deletion_needs_every_tenant_on_the_new_path(sessions, clock, recorder, shadowing):
    """new -> deleted is refused while a rollout or an override keeps tenants off the new path."""
    from aicmo.strangler.migration import ChangeRefused, set_rollout

    _evidence(recorder)
    _promote(sessions, clock)
    with sessions.begin() as session:
        set_rollout(session, clock, "qc", 50, "ana", "half")
    with pytest.raises(ChangeRefused, match="only 50% of tenants"), sessions.begin() as session:
        promote_module(session, clock, "qc", "ana", "delete legacy", policy=POLICY, confirm_deletion=True, deletion_blockers=[])


def test_unknown_evidence_is_refused(recorder):
    """The recording API names the unknown module, suite or path."""
    with pytest.raises(EvidenceError, match="unknown suite 'smoke'"):
        recorder.record_suite_run("qc", "smoke", "new", True)
    with pytest.raises(EvidenceError, match="unknown path 'both'"):
        recorder.record_suite_run("qc", "contract", "both", True)
    with pytest.raises(EvidenceError, match="unknown module"):
        recorder.record_comparison("ads", True)
    with pytest.raises(EvidenceError, match="a reason is required"):
        recorder.declare_divergence("qc", "x", " ", "ana", known={"rounding-fix", "x"})
