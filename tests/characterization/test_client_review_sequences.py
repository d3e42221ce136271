"""Client review as a sequence of rounds on ONE package, with what each step writes (Q-10)."""
from __future__ import annotations

import pytest

from backend.services import client_review
from backend.services.qc import evaluate_project
from tests.characterization.builders import build_project

pytestmark = [pytest.mark.aicmo_evidence(module="client_review", suite="characterization"), pytest.mark.legacy_internals("qc", "client_review", "domain")]

SHORTER = [{"section": "caption", "change": "Shorter", "priority": "low"}]
THIRD = [
    {"section": "cta", "change": "Say the price", "priority": "high"},
    {"section": "cta", "change": "Say the price", "priority": "high"},
    {"section": "tone", "change": "Warmer", "priority": "medium"},
]


def _run(legacy_session, db_effects, campaign, rows, steps) -> list[dict]:
    """Each step's result and its database effects, one after the other on the same rows."""
    out = []
    for decision, changes in steps:
        result, effects = db_effects(
            lambda d=decision, c=changes: client_review.record_feedback(legacy_session, campaign, rows, d, c),
            legacy_session,
        )
        out.append({"step": decision, "result": result, "effects": effects})
    return out


@pytest.fixture
def reviewed(legacy_session):
    """A QC'd project whose first three creatives form the package."""
    project = build_project(legacy_session, "complete_uk_strategy_sales")
    qc = evaluate_project(legacy_session, project.intake, project.strategy, project.creatives, project.calendar)
    package = client_review.build_review_package(project.campaign, project.creatives, qc)
    rows = [row for row in project.creatives if row.id in set(package["creative_ids"])][:3]
    legacy_session.flush()
    return project, rows


@pytest.mark.parametrize("ending", ["approved", "rejected"])
def test_three_rounds_of_changes_then_an_ending(ending, reviewed, legacy_session, db_effects, snapshot_json):
    """L-20: rounds 1, 2 (escalated at ESCALATION_ROUND) and 3 (still escalated), then approval or rejection; Q-10 after each."""
    project, rows = reviewed
    steps = [("changes_requested", client_review.SIMULATED_CHANGES), ("changes_requested", SHORTER), ("changes_requested", THIRD), (ending, None)]
    out = _run(legacy_session, db_effects, project.campaign, rows, steps)
    assert [s["result"]["status"] for s in out] == ["changes_requested", "escalated", "escalated", ending]
    assert snapshot_json == out


def test_the_round_counter_survives_approval_and_rejection(reviewed, legacy_session, db_effects, snapshot_json):
    """L-20/Q-10: approval does not reset the rounds (a later change request escalates), and REJECTED stays after approval."""
    project, rows = reviewed
    steps = [("changes_requested", SHORTER), ("approved", None), ("changes_requested", SHORTER), ("rejected", None), ("approved", None)]
    out = _run(legacy_session, db_effects, project.campaign, rows, steps)
    assert [s["result"]["status"] for s in out] == ["changes_requested", "approved", "escalated", "rejected", "approved"]
    assert project.campaign.project_state == "REJECTED"
    assert snapshot_json == out


def test_overlapping_packages_take_the_highest_round(reviewed, legacy_session, db_effects, snapshot_json):
    """L-20: rows of one campaign reviewed in two packages; the round of a step is the highest round among its rows."""
    project, rows = reviewed
    first, later = rows[:1], rows[1:]
    out = _run(legacy_session, db_effects, project.campaign, first, [("changes_requested", SHORTER)])
    out += _run(legacy_session, db_effects, project.campaign, rows, [("changes_requested", SHORTER)])
    out += _run(legacy_session, db_effects, project.campaign, later, [("changes_requested", SHORTER), ("approved", None)])
    assert [s["result"]["round"] for s in out] == [1, 2, 2, 2]
    assert snapshot_json == out
