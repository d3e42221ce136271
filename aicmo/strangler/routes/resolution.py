"""Which route one call takes, from a snapshot of the route tables: pure and cheap.

Order: a deleted module stays deleted (its legacy code is gone, nothing can go back to it);
the kill switch sends everything else to legacy; a tenant override wins next (but never
ahead of the module's route, so a rollback takes pinned tenants back too); then the
rollout: tenants whose bucket falls under `rollout_percent` get the module's route, the
others stay one step behind it. Calls without a tenant get the route only at 100 %.
"""
from __future__ import annotations

import hashlib
from typing import Mapping, Optional

import attrs

from aicmo.strangler.routes.states import ORDER, Route, previous_route

__all__ = ["BUCKETS", "ModuleRoute", "RouteSnapshot", "rollout_bucket"]

BUCKETS = 10_000  # basis points: a percentage rollout is exact to 0.01 %


def rollout_bucket(module: str, tenant: str) -> int:
    """A stable bucket in [0, BUCKETS) for (module, tenant): same on every host and run.

    sha256, not hash(): Python salts str hashes per process, which would move tenants around.
    The module is part of the key so each module's rollout picks a different set of tenants.
    """
    digest = hashlib.sha256(f"{module}\x00{tenant}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % BUCKETS


@attrs.frozen
class ModuleRoute:
    route: Route
    rollout_percent: int = 100


@attrs.frozen
class RouteSnapshot:
    """The route tables as read at one instant."""

    modules: Mapping[str, ModuleRoute] = attrs.field(factory=dict)
    overrides: Mapping[tuple[str, str], Route] = attrs.field(factory=dict)  # (module, tenant) -> route
    kill_switch: bool = False

    def with_overrides(self, routes: Mapping[str, Route]) -> "RouteSnapshot":
        """This snapshot with each named module fully on the given route (one run's `--route`); the kill switch still wins."""
        if not routes:
            return self
        return attrs.evolve(self, modules={**self.modules, **{m: ModuleRoute(r) for m, r in routes.items()}})

    def resolve(self, module: str, tenant: Optional[str] = None) -> Route:
        configured = self.modules.get(module, ModuleRoute(Route.LEGACY))
        if configured.route is Route.DELETED:
            return Route.DELETED
        if self.kill_switch:
            return Route.LEGACY
        if tenant is not None:
            override = self.overrides.get((module, tenant))
            if override is not None:
                # capped at the module's route: a rollback takes pinned tenants back too
                return min(override, configured.route, key=ORDER.index)
        if configured.rollout_percent >= 100:
            return configured.route
        behind = previous_route(configured.route) or configured.route
        if tenant is None:
            return behind
        if rollout_bucket(module, tenant) < configured.rollout_percent * BUCKETS // 100:
            return configured.route
        return behind
