"""Differential: the new review rules give legacy's results on generated feedback sequences (no divergence declared)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicmo.client_review.internal import rules
from aicmo.client_review.internal.model import Change, CreativeState
from backend.services import client_review

pytestmark = pytest.mark.legacy_internals("client_review")

RULES = settings(max_examples=300, derandomize=True, database=None, deadline=None)
NOW = dt.datetime(2026, 1, 15, 10, 0, tzinfo=dt.timezone.utc)
changes = st.lists(st.builds(Change, section=st.sampled_from(["caption", "hook", "cta", "É"]),
                             change=st.sampled_from(["Shorter", "Use the customer's own words", "x;y"]),
                             priority=st.sampled_from(["high", "medium", "low"])), max_size=6)
feedback = st.tuples(st.sampled_from(["approved", "changes_requested", "rejected"]), changes)


def test_the_constants_are_legacy_s():
    assert ({k: float(v) for k, v in rules.HOURS_PER_PRIORITY.items()}, rules.ESCALATION_ROUND, rules.DECISIONS) == (
        client_review.HOURS_PER_PRIORITY, client_review.ESCALATION_ROUND, client_review.DECISIONS)
    assert [{"section": c.section, "change": c.change, "priority": c.priority}
            for c in rules.SIMULATED_CHANGES] == client_review.SIMULATED_CHANGES


@RULES
@given(planned=changes)
def test_revision_hours_equal_legacy(planned):
    """Same hours, written as legacy's float prints."""
    legacy = client_review.revision_hours([{"section": c.section, "change": c.change, "priority": c.priority} for c in planned])
    assert Decimal(str(legacy)) == rules.revision_hours(planned)
    assert str(legacy) == str(rules.revision_hours(planned))


@RULES
@given(sequence=st.lists(feedback, min_size=1, max_size=5), creatives=st.integers(min_value=0, max_value=3),
       brand=st.text(max_size=20))
def test_a_feedback_sequence_equals_legacy(sequence, creatives, brand):
    """Round, status, note and every creative's decision, notes and rounds after each feedback, as legacy's record_feedback."""
    rows = [SimpleNamespace(id=str(i), review_status=None, review_notes=None, review_round=0) for i in range(creatives)]
    campaign = SimpleNamespace(project_state="QC_APPROVED")
    session = SimpleNamespace(flush=lambda: None)
    package = rules.package_for("r", "c", "s", "q", tuple(row.id for row in rows), NOW)
    states = tuple(CreativeState(row.id) for row in rows)
    for decision, planned in sequence:
        legacy = client_review.record_feedback(session, campaign, rows, decision,
                                               [{"section": c.section, "change": c.change, "priority": c.priority} for c in planned])
        package, states = rules.record_feedback(package, states, decision, planned, NOW)
        last = package.rounds[-1]
        assert (legacy["round"], legacy["status"], legacy["decision"]) == (last.round, last.status, last.decision)
        assert ("revision_plan" in legacy) == (last.revision_hours is not None)
        assert [(r.review_status, r.review_notes, r.review_round) for r in rows] == [
            (s.review_status, s.review_notes, s.review_round) for s in states]
        assert (rows[0].review_notes.split("\n")[-1] if rows else "") == last.note
    assert (campaign.project_state == "REJECTED") == any(decision == "rejected" for decision, _ in sequence)
    assert client_review.simulated_client_requests_changes(brand) == rules.simulated_client_requests_changes(brand)
