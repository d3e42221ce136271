"""The route of a module and the state machine its changes follow.

legacy -> shadow -> new -> deleted, one step forward (a promotion) or one step back (a
rollback); any other jump is refused, so no module reaches `new` without passing `shadow`.
"""
from __future__ import annotations

from enum import Enum

__all__ = ["ORDER", "IllegalTransition", "Route", "check_transition", "next_route", "previous_route"]


class Route(str, Enum):
    """Where a module's calls go."""

    LEGACY = "legacy"
    SHADOW = "shadow"
    NEW = "new"
    DELETED = "deleted"


ORDER = (Route.LEGACY, Route.SHADOW, Route.NEW, Route.DELETED)


class IllegalTransition(ValueError):
    """A route change that is not one step forward or one step back."""


def next_route(route: Route) -> Route | None:
    index = ORDER.index(route)
    return ORDER[index + 1] if index + 1 < len(ORDER) else None


def previous_route(route: Route) -> Route | None:
    index = ORDER.index(route)
    return ORDER[index - 1] if index > 0 else None


def check_transition(module: str, current: Route, target: Route) -> None:
    """Refuse every change but one step forward or back, naming the legal steps."""
    if target in (next_route(current), previous_route(current)):
        return
    legal = " or ".join(r.value for r in (next_route(current), previous_route(current)) if r is not None)
    raise IllegalTransition(f"{module}: cannot go from {current.value} to {target.value}; from {current.value} only {legal}")
