"""The shadow comparer: field-path differences between the legacy and the new DTO."""
from __future__ import annotations

from pydantic import BaseModel

from aicmo.strangler.dispatch import field_diffs


class Check(BaseModel):
    score: float
    findings: tuple[str, ...] = ()
    note: dict[str, int] = {}


def test_equal_dtos_have_no_diff():
    """Two equal DTOs compare as []."""
    assert [] == field_diffs(Check(score=1.0, findings=("a",)), Check(score=1.0, findings=("a",)))


def test_a_changed_leaf_is_named_by_its_path():
    """A nested difference is reported at its dotted, indexed path with both values."""
    legacy = [Check(score=1.0, findings=("a", "b"))]
    new = [Check(score=1.0, findings=("a", "c"))]
    assert [{"path": "[0].findings[1]", "legacy": "b", "new": "c"}] == field_diffs(legacy, new)


def test_missing_list_items_and_keys_are_differences():
    """A shorter list or an absent key shows as <missing> on that side."""
    diffs = field_diffs(Check(score=1, findings=("a",), note={"x": 1}), Check(score=1, note={"y": 1}))
    assert [
        {"path": "findings[0]", "legacy": "a", "new": "<missing>"},
        {"path": "note.x", "legacy": 1, "new": "<missing>"},
        {"path": "note.y", "legacy": "<missing>", "new": 1},
    ] == diffs


def test_a_changed_type_is_a_difference_even_when_python_calls_it_equal():
    """1 == True in Python, but a number that became a bool is reported."""
    assert [{"path": "$", "legacy": 1, "new": True}] == field_diffs(1, True)


def test_ignored_fields_are_left_out_at_any_list_index():
    """A field named in `ignore` (path without indices) never counts; the others still do."""
    legacy = [Check(score=1.0, note={"at": 1}), Check(score=2.0, note={"at": 1})]
    new = [Check(score=1.0, note={"at": 2}), Check(score=3.0, note={"at": 3})]
    assert [{"path": "[1].score", "legacy": 2.0, "new": 3.0}] == field_diffs(legacy, new, ignore={"note.at"})
