"""Client review over its input space: decisions, requested changes, packages and the change-share setting."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from backend.db.models import CampaignRow, CreativeAssetRow
from backend.services import client_review

pytestmark = [pytest.mark.aicmo_evidence(module="client_review", suite="characterization"), pytest.mark.legacy_internals("client_review")]

NOW = datetime(2026, 1, 15, 10, tzinfo=timezone.utc)
VALID = {"section": "caption", "change": "Shorter", "priority": "low"}


def _package(count: int = 2, notes: list[str | None] | None = None) -> tuple[CampaignRow, list[CreativeAssetRow]]:
    """A campaign and ``count`` creatives, outside any session (record_feedback only flushes)."""
    campaign = CampaignRow(id="camp-1", name="Partition", project_state="QC_APPROVED", created_at=NOW)
    notes = notes or [None] * count
    rows = [
        CreativeAssetRow(id=f"cr-{i}", campaign_id="camp-1", review_round=0, review_notes=notes[i], created_at=NOW)
        for i in range(count)
    ]
    return campaign, rows


def _outcome(session, decision, changes, count: int = 2, notes=None) -> dict:
    """What record_feedback returns or raises, and what it left on the rows and the campaign."""
    campaign, rows = _package(count, notes)
    try:
        result = client_review.record_feedback(session, campaign, rows, decision, changes)
    except client_review.ReviewError as exc:
        result = {"error": str(exc)}
    return {
        "result": result,
        "rows": [{"review_status": r.review_status, "review_notes": r.review_notes, "review_round": r.review_round} for r in rows],
        "project_state": campaign.project_state,
    }


DECISIONS = [
    "approved", "changes_requested", "rejected", "Approved", "APPROVED", " approved", "approved ", "rejected\n",
    "changes-requested", "changes requested", "CHANGES_REQUESTED", "", None, "approuvé", "accepted",
]


def test_every_spelling_of_a_decision(legacy_session, snapshot_json):
    """L-19: only the three exact lower-case decisions are accepted; case, padding, aliases and None are refused."""
    table = {repr(d): _outcome(legacy_session, d, None) for d in DECISIONS}
    assert [d for d in DECISIONS if "error" not in table[repr(d)]["result"]] == ["approved", "changes_requested", "rejected"]
    assert snapshot_json == table


CHANGE_SETS = {
    "none": None,
    "empty_list": [],
    "empty_tuple": (),
    "one": [VALID],
    "duplicated": [VALID, VALID],
    "two_orders_a": [{"section": "hook", "change": "Bolder", "priority": "high"}, VALID],
    "two_orders_b": [VALID, {"section": "hook", "change": "Bolder", "priority": "high"}],
    "unicode": [{"section": "légende ✍", "change": "Plus court — ½ 🎯", "priority": "medium"}],
    "whitespace_section": [{"section": "   ", "change": "x", "priority": "low"}],
    "extra_keys": [{"section": "s", "change": "c", "priority": "high", "owner": "ana", "due": "friday"}],
    "empty_object": [{}],
    "priority_upper": [{"section": "s", "change": "c", "priority": "HIGH"}],
    "priority_title": [{"section": "s", "change": "c", "priority": "High"}],
    "priority_padded": [{"section": "s", "change": "c", "priority": " high"}],
    "priority_alias": [{"section": "s", "change": "c", "priority": "urgent"}],
    "priority_none": [{"section": "s", "change": "c", "priority": None}],
    "priority_empty": [{"section": "s", "change": "c", "priority": ""}],
    "priority_missing": [{"section": "s", "change": "c"}],
    "section_missing": [{"change": "c", "priority": "low"}],
    "section_none": [{"section": None, "change": "c", "priority": "low"}],
    "change_empty": [{"section": "s", "change": "", "priority": "low"}],
    "several_problems_one_change": [{"section": "", "change": "", "priority": "urgent"}],
    "second_change_bad": [VALID, {"section": "s", "change": "c", "priority": "soon"}],
    "both_changes_bad": [{"section": "s", "change": "c", "priority": "soon"}, {"change": "c"}],
}


def test_every_shape_of_requested_changes(legacy_session, snapshot_json):
    """L-19/L-20: requested changes, their notes and revision plan; the first problem found is the error; nothing is written on error."""
    table = {}
    for name, changes in CHANGE_SETS.items():
        table[name] = _outcome(legacy_session, "changes_requested", changes)
        if "error" in table[name]["result"]:
            assert table[name]["rows"] == [{"review_status": None, "review_notes": None, "review_round": 0}] * 2
    assert snapshot_json == table


def test_changes_given_with_other_decisions(legacy_session, snapshot_json):
    """L-19: approved and rejected accept requested changes too: they go into the note and a revision plan."""
    changes = [VALID, {"section": "hook", "change": "Bolder", "priority": "high"}]
    assert snapshot_json == {d: _outcome(legacy_session, d, changes) for d in ("approved", "rejected")}


def test_earlier_notes_and_empty_packages(legacy_session, snapshot_json):
    """Q-10: a note is appended after a newline to a non-empty note, replaces an empty one; no rows means round 0."""
    table = {
        "changes_over_notes": _outcome(legacy_session, "changes_requested", [VALID], count=4, notes=[None, "", "[approved]", "  "]),
        "approval_over_notes": _outcome(legacy_session, "approved", None, count=4, notes=[None, "", "[approved]", "  "]),
        "no_rows_changes": _outcome(legacy_session, "changes_requested", [VALID], count=0),
        "no_rows_rejected": _outcome(legacy_session, "rejected", None, count=0),
    }
    assert snapshot_json == table


def _qc(*entries: tuple[str, object]) -> dict:
    return {"creatives": [{"creative_id": cid, "passed": passed} for cid, passed in entries]}


def test_packages_over_every_shape_of_qc_result(snapshot_json):
    """L-19: the package keeps the creatives' order, repeats a repeated row, and counts any passing entry of a creative."""
    campaign, rows = _package(3)
    a, b, c = rows
    cases = {
        "all_pass": ([a, b, c], _qc(("cr-0", True), ("cr-1", True), ("cr-2", True))),
        "none_pass": ([a, b, c], _qc(("cr-0", False), ("cr-1", False), ("cr-2", False))),
        "qc_order_reversed": ([a, b, c], _qc(("cr-2", True), ("cr-1", False), ("cr-0", True))),
        "creatives_reversed": ([c, b, a], _qc(("cr-0", True), ("cr-1", True), ("cr-2", True))),
        "creative_twice": ([a, a, b], _qc(("cr-0", True), ("cr-1", True))),
        "qc_entry_twice_fail_then_pass": ([a, b], _qc(("cr-0", False), ("cr-0", True), ("cr-1", True))),
        "qc_entry_twice_pass_then_fail": ([a, b], _qc(("cr-0", True), ("cr-0", False), ("cr-1", False))),
        "truthy_and_falsy_passed": ([a, b, c], _qc(("cr-0", 1), ("cr-1", "no"), ("cr-2", None))),
        "qc_of_an_unknown_creative": ([a], _qc(("cr-9", True), ("cr-0", False))),
        "no_creatives": ([], _qc(("cr-0", True))),
        "empty_qc": ([a, b], _qc()),
    }
    table = {name: client_review.build_review_package(campaign, creatives, qc) for name, (creatives, qc) in cases.items()}
    for broken in ({"creatives": [{"creative_id": "cr-0"}]}, {}):
        with pytest.raises(KeyError) as missing:
            client_review.build_review_package(campaign, rows, broken)
        table[f"missing {missing.value}"] = repr(missing.value)
    assert snapshot_json == table


SHARES = [None, "0", "25", "1", "100", "99", "-5", "150", " 25 ", "+25", "2_5", "\u0662\u0665", "0.25", "25%", "", "abc"]


def test_every_spelling_of_the_change_share(monkeypatch, snapshot_json):
    """§12: AICMO_REVIEW_CHANGE_SHARE is read by int() at call time: padding, '+', '_' and other digits pass; fractions and text raise."""
    brands = ["Brand 44", "Brand 5", "Brand 166", "Brand 28", "", "Café ☕"]
    table = {}
    for share in SHARES:
        if share is None:
            monkeypatch.delenv("AICMO_REVIEW_CHANGE_SHARE", raising=False)
        else:
            monkeypatch.setenv("AICMO_REVIEW_CHANGE_SHARE", share)
        try:
            table[repr(share)] = {b: client_review.simulated_client_requests_changes(b) for b in brands}
        except ValueError as exc:
            table[repr(share)] = {"error": str(exc)}
    assert snapshot_json == table
