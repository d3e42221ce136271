"""Client review (spec section 5): packages, feedback, revision plans, escalation, the simulated client."""
from __future__ import annotations

import itertools

import pytest

from backend.services import client_review
from backend.services.qc import evaluate_project
from tests.characterization import corpus
from tests.characterization.builders import build_project

pytestmark = [pytest.mark.aicmo_evidence(module="client_review", suite="characterization"), pytest.mark.legacy_internals("qc", "client_review", "domain")]


def _reviewable(session, intake_id: str = "complete_uk_strategy_sales"):
    project = build_project(session, intake_id)
    qc = evaluate_project(session, project.intake, project.strategy, project.creatives, project.calendar)
    return project, qc


def test_the_package_lists_only_the_creatives_that_passed_qc(legacy_session, snapshot_json):
    """L-19: a package of passing creatives, for a clean and a claim-heavy project."""
    packages = {}
    for intake_id in ["complete_uk_strategy_sales", "cliche_and_claim_heavy"]:
        project, qc = _reviewable(legacy_session, intake_id)
        packages[intake_id] = client_review.build_review_package(project.campaign, project.creatives, qc)
    assert snapshot_json == packages


def test_the_revision_hours_table(snapshot_json):
    """L-20: 1.5/1.0/0.5 hours per high/medium/low change, rounded up to the next half hour."""
    table = {}
    for high, medium, low in itertools.product(range(3), range(3), range(4)):
        changes = [{"priority": "high"}] * high + [{"priority": "medium"}] * medium + [{"priority": "low"}] * low
        table[f"h{high} m{medium} l{low}"] = client_review.revision_hours(changes)
    assert snapshot_json == table


def test_rounds_of_feedback_and_escalation(legacy_session, db_effects, snapshot_json):
    """L-20: the second round of changes_requested escalates; Q-10: notes on creative_assets."""
    project, _ = _reviewable(legacy_session)
    rows = project.creatives[:2]
    change = [{"section": "caption", "change": "Shorter", "priority": "low"}]
    rounds = []
    for decision, changes in [("changes_requested", client_review.SIMULATED_CHANGES), ("changes_requested", change), ("approved", None)]:
        result, effects = db_effects(
            lambda d=decision, c=changes: client_review.record_feedback(legacy_session, project.campaign, rows, d, c),
            legacy_session,
        )
        rounds.append({"result": result, "effects": effects})
    assert snapshot_json == rounds


def test_a_rejection_writes_a_non_canonical_project_state(legacy_session, db_effects, snapshot_json):
    """Q-10: rejected feedback sets cam_campaigns.project_state = "REJECTED"."""
    project, _ = _reviewable(legacy_session)
    result, effects = db_effects(
        lambda: client_review.record_feedback(legacy_session, project.campaign, project.creatives[:1], "rejected"),
        legacy_session,
    )
    assert snapshot_json == {"result": result, "effects": effects}


@pytest.mark.parametrize(
    "decision, changes",
    [
        ("maybe", []),
        ("changes_requested", [{"section": "", "change": "x", "priority": "high"}]),
        ("changes_requested", [{"section": "s", "change": "x"}]),
        ("changes_requested", [{"section": "s", "change": "x", "priority": "urgent"}]),
    ],
    ids=["unknown_decision", "empty_section", "missing_priority", "unknown_priority"],
)
def test_invalid_feedback_is_refused(decision, changes, legacy_session, snapshot_json):
    """Invalid decisions and requested changes raise ReviewError with a message."""
    project, _ = _reviewable(legacy_session)
    with pytest.raises(client_review.ReviewError) as refused:
        client_review.record_feedback(legacy_session, project.campaign, project.creatives, decision, changes)
    assert snapshot_json == str(refused.value)


@pytest.mark.parametrize("share", [None, "0", "25", "100"])
def test_which_brands_the_simulated_client_asks_changes_of(share, monkeypatch, snapshot_json):
    """Section 12: a brand-hash bucket below AICMO_REVIEW_CHANGE_SHARE (default 25) requests changes."""
    if share is not None:
        monkeypatch.setenv("AICMO_REVIEW_CHANGE_SHARE", share)
    brands = sorted({item["data"].get("brand_name") or "Unknown" for item in corpus.intakes()})
    assert snapshot_json == {b: client_review.simulated_client_requests_changes(b) for b in brands}
