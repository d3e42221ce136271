"""Client review (spec section 5: L-19, L-20, Q-10) and the simulated client of section 12."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from backend.db.models import CampaignRow, CreativeAssetRow
from backend.db.session import SessionLocal
from backend.services.client_review import (
    ReviewError,
    build_review_package,
    record_feedback,
    revision_hours,
    simulated_client_requests_changes,
)
from backend.services.qc import evaluate_project

pytestmark = [pytest.mark.usefixtures("legacy_env"), pytest.mark.legacy_internals("qc", "client_review")]


def _change(priority: str, section: str = "caption") -> dict[str, str]:
    return {"section": section, "change": "Be more specific", "priority": priority}


# --- L-19 -------------------------------------------------------------------------------


def test_l19_package_lists_only_the_creatives_that_passed_qc(make_project):
    """Of nine creatives, the two with a banned claim are left out of the review package."""
    project = make_project()
    project.creatives[1].caption += " Guaranteed."
    project.creatives[7].caption += " Risk-free."
    qc = evaluate_project(project.session, project.intake, project.strategy, project.creatives, project.calendar)
    package = build_review_package(project.campaign, project.creatives, qc)
    expected = [row.id for i, row in enumerate(project.creatives) if i not in (1, 7)]
    assert (expected, "sent") == (package["creative_ids"], package["status"])


@pytest.mark.parametrize("decision", ["approved", "changes_requested", "rejected"])
def test_l19_feedback_accepts_the_three_decisions(make_project, decision):
    """Feedback is approved, changes_requested or rejected."""
    project = make_project()
    result = record_feedback(project.session, project.campaign, project.creatives, decision)
    assert decision == result["decision"]


def test_l19_unknown_decision_is_refused(make_project):
    """A decision outside the three raises ReviewError."""
    project = make_project()
    with pytest.raises(ReviewError):
        record_feedback(project.session, project.campaign, project.creatives, "maybe")


@pytest.mark.parametrize(
    "change",
    [
        {"section": "caption", "change": "x", "priority": "urgent"},
        {"section": "", "change": "x", "priority": "high"},
        {"section": "caption", "priority": "high"},
    ],
)
def test_l19_requested_change_needs_section_change_and_priority(make_project, change):
    """A requested change needs a section, a change and a priority high|medium|low."""
    project = make_project()
    with pytest.raises(ReviewError):
        record_feedback(project.session, project.campaign, project.creatives, "changes_requested", [change])


# --- L-20 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "priorities, hours",
    [
        (["high", "medium"], 2.5),
        (["high", "low"], 2.0),
        (["low"], 0.5),
        (["high"], 1.5),
        (["medium"], 1.0),
        (["high", "high", "medium", "low", "low"], 5.0),
        ([], 0.0),
    ],
)
def test_l20_revision_hours(priorities, hours):
    """1.5 per high, 1.0 per medium, 0.5 per low, rounded up to the half hour (1 high + 1 medium = 2.5)."""
    assert hours == revision_hours([_change(p) for p in priorities])


def test_l20_changes_requested_carries_a_revision_plan(make_project):
    """changes_requested with one high and one medium change gives a 2.5-hour revision plan, round 1."""
    project = make_project()
    changes = [_change("high"), _change("medium", "hook")]
    result = record_feedback(project.session, project.campaign, project.creatives, "changes_requested", changes)
    assert ("changes_requested", 1, 2.5) == (result["status"], result["round"], result["revision_plan"]["estimated_hours"])


def test_l20_second_round_of_changes_is_escalated(make_project):
    """The second changes_requested round escalates the package to the account manager."""
    project = make_project()
    first = record_feedback(project.session, project.campaign, project.creatives, "changes_requested", [_change("low")])
    second = record_feedback(project.session, project.campaign, project.creatives, "changes_requested", [_change("low")])
    assert [("changes_requested", 1), ("escalated", 2)] == [(first["status"], first["round"]), (second["status"], second["round"])]


def test_l20_simulated_client_share_is_25_percent_by_brand_hash(monkeypatch):
    """By default the brands whose hash bucket is < 25 request changes ('Delta' 24 yes, 'Zeta' 29 no)."""
    assert (True, False) == (simulated_client_requests_changes("Delta"), simulated_client_requests_changes("Zeta"))
    monkeypatch.setenv("AICMO_REVIEW_CHANGE_SHARE", "30")
    assert True is simulated_client_requests_changes("Zeta")


# --- Q-10 -------------------------------------------------------------------------------


def test_q10_feedback_is_written_onto_creative_assets(make_project):
    """review_status and review_notes of the creative_assets rows hold the feedback."""
    project = make_project()
    record_feedback(project.session, project.campaign, project.creatives[:2], "changes_requested", [_change("high")])
    project.session.commit()
    with SessionLocal() as other:
        rows = list(other.scalars(select(CreativeAssetRow).order_by(CreativeAssetRow.position)))
        assert ["changes_requested", "changes_requested"] + [None] * 7 == [r.review_status for r in rows]
        assert "[changes_requested] caption: Be more specific (high);" == rows[0].review_notes
        assert [1, 1] + [0] * 7 == [r.review_round for r in rows]


def test_q10_rejection_sets_project_state_rejected(make_project):
    """A rejection sets cam_campaigns.project_state to the non-canonical 'REJECTED'."""
    project = make_project()
    record_feedback(project.session, project.campaign, project.creatives, "rejected")
    project.session.commit()
    with SessionLocal() as other:
        assert "REJECTED" == other.get(CampaignRow, project.campaign.id).project_state
