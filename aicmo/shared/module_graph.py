"""The declared module map, checked: each module and the modules whose api it may use (rule 2).

Plain Python on purpose (no pydantic): `aicmo.shared.modules` checks the map at import time,
and the full configuration model runs the very same checks.
"""
from __future__ import annotations

from typing import Mapping

from aicmo.shared.config_file import ProjectConfigError

__all__ = ["checked_modules", "declared_cycle"]

KEY = "tool.aicmo.modules"  # dotted, as TOML names a key (and no console reads it as markup)


def declared_cycle(modules: Mapping[str, tuple[str, ...]]) -> list[str]:
    """One cycle of the declared map as a path, or [] when it is acyclic."""
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = 1
        for dep in modules.get(node, ()):
            if state.get(dep) == 1:
                return path[path.index(dep):] + [dep] if dep in path else [node, dep]
            if dep not in state:
                found = visit(dep, path + [dep])
                if found:
                    return found
        state[node] = 2
        return []

    for start in sorted(modules):
        if start not in state:
            found = visit(start, [start])
            if found:
                return found
    return []


def _dependency_order(modules: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The map with every module after the modules it uses, otherwise in declared order.

    Callers wire the modules in this order (a module's ports are built from its dependencies').
    """
    ordered: dict[str, tuple[str, ...]] = {}
    while len(ordered) < len(modules):
        ready = next(m for m, deps in modules.items() if m not in ordered and all(d in ordered for d in deps))
        ordered[ready] = modules[ready]
    return ordered


def checked_modules(raw: object) -> dict[str, tuple[str, ...]]:
    """The module map from its TOML value, in dependency order; anything wrong names the key."""
    if not isinstance(raw, dict) or not raw:
        raise ProjectConfigError(f"{KEY} is missing: declare each module and the modules whose api it may use, "
                                 'e.g. modules = { billing = [], delivery = ["billing"] }')
    modules: dict[str, tuple[str, ...]] = {}
    for name, deps in raw.items():
        if not isinstance(deps, list) or not all(isinstance(d, str) for d in deps):
            raise ProjectConfigError(f"{KEY}.{name} must be a list of module names, not {deps!r}")
        if len(set(deps)) != len(deps):
            raise ProjectConfigError(f"{KEY}.{name} names a module twice: {deps!r}")
        modules[name] = tuple(deps)
    for name, deps in modules.items():
        unknown = [d for d in deps if d not in modules]
        if unknown:
            raise ProjectConfigError(f"{KEY}.{name} depends on unknown modules: {', '.join(unknown)}")
    cycle = declared_cycle(modules)
    if cycle:
        raise ProjectConfigError(f"{KEY}: declared module dependencies form a cycle: {' -> '.join(cycle)}")
    return _dependency_order(modules)
