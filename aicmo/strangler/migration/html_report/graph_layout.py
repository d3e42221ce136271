"""Where each module sits in the dependency graph: a column per dependency depth, computed, never random.

A module with no dependency is in column 0; any other one column right of its deepest
dependency, so every edge points left. Within a column the modules are ordered by the mean
height of their dependencies (fewer crossings), ties by the declared order: the same mapping
always gives the same picture.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import attrs

__all__ = ["Placement", "layered_layout"]


@attrs.frozen
class Placement:
    column: int
    row: int  # 0 at the top of its column
    rows_in_column: int


def _depths(dependencies: Mapping[str, Sequence[str]]) -> dict[str, int]:
    depths: dict[str, int] = {}

    def depth(module: str, path: tuple[str, ...]) -> int:
        if module in path:
            raise ValueError(f"the module dependencies have a cycle: {' -> '.join(path + (module,))}")
        if module not in depths:
            used = [d for d in dependencies.get(module, ()) if d in dependencies]
            depths[module] = 1 + max(depth(d, path + (module,)) for d in used) if used else 0
        return depths[module]

    for module in dependencies:
        depth(module, ())
    return depths


def layered_layout(dependencies: Mapping[str, Sequence[str]]) -> dict[str, Placement]:
    """Each module's column and row, in the mapping's order."""
    depths = _depths(dependencies)
    declared = {module: index for index, module in enumerate(dependencies)}
    height: dict[str, float] = {}  # a module's vertical centre, -0.5..0.5 of its column
    columns: dict[int, list[str]] = {}
    for column in range(max(depths.values(), default=-1) + 1):
        members = [m for m in dependencies if depths[m] == column]

        def key(module: str) -> tuple[float, int]:
            used = [height[d] for d in dependencies[module] if d in height]
            return (sum(used) / len(used) if used else 0.0, declared[module])

        members.sort(key=key)
        for row, module in enumerate(members):
            height[module] = (row + 0.5) / len(members) - 0.5
        columns[column] = members
    return {m: Placement(depths[m], columns[depths[m]].index(m), len(columns[depths[m]])) for m in dependencies}
