"""The dependency graph's layout: columns by dependency depth, the same picture for the same mapping."""
from __future__ import annotations

import pytest

from aicmo.shared.modules import MODULE_DEPENDENCIES
from aicmo.strangler.migration.html_report.graph_layout import layered_layout


def test_every_dependency_points_to_a_column_on_the_left_and_no_two_modules_share_a_place():
    placed = layered_layout(MODULE_DEPENDENCIES)
    assert set(MODULE_DEPENDENCIES) == set(placed)
    for module, used in MODULE_DEPENDENCIES.items():
        for dependency in used:
            assert placed[dependency].column < placed[module].column, (module, dependency)
        if used:  # right next to its deepest dependency: no column is left empty
            assert placed[module].column == 1 + max(placed[d].column for d in used)
    spots = [(p.column, p.row) for p in placed.values()]
    assert len(spots) == len(set(spots))
    assert all(p.row < p.rows_in_column for p in placed.values())


def test_the_layout_depends_on_the_mapping_alone():
    assert layered_layout(MODULE_DEPENDENCIES) == layered_layout(dict(MODULE_DEPENDENCIES))


def test_modules_sit_near_what_they_use():
    """Two modules in one column, each using one of two modules in the column before: no crossing."""
    placed = layered_layout({"a": (), "b": (), "uses_b": ("b",), "uses_a": ("a",)})
    assert (placed["uses_a"].row, placed["uses_b"].row) == (placed["a"].row, placed["b"].row) == (0, 1)


def test_a_cycle_is_refused_naming_it():
    with pytest.raises(ValueError, match="a -> b -> a"):
        layered_layout({"a": ("b",), "b": ("a",)})
