"""The route configurations every pin through the ports runs on.

One configuration with every module on legacy, one per module with a new implementation
that puts that module on `new` (its characterization evidence on the new path), and one with
every module that has a new implementation on `new` at once. A module whose
legacy code is gone (`legacy_blocker.modules_without_legacy()`) is on `new` in every
configuration. Configurations that route the same way are run once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Collection, Mapping, Optional

import pytest

from aicmo.orchestration import bootstrap
from aicmo.orchestration.ports import ModulePorts
from aicmo.shared.persistence.ownership import MODULES
from aicmo.strangler.routes import Route
from tests.characterization.legacy_blocker import modules_without_legacy

__all__ = ["RouteConfiguration", "route_configurations", "route_parameters"]

IN_MEMORY = "sqlite://"


@dataclass(frozen=True)
class RouteConfiguration:
    name: str
    routes: Mapping[str, Route] = field(default_factory=dict)  # overrides; a module not named is on legacy
    proves: Optional[str] = None  # the module whose new path this configuration is evidence for

    def ports(self, database_url: str = IN_MEMORY) -> ModulePorts:
        """The routed ports on that database, through the real router; every route checked as resolved."""
        ports = bootstrap.routed_ports(database_url, self.routes)
        for module in MODULES:
            port = getattr(ports, module)
            resolved = port.route() if hasattr(port, "route") else Route.LEGACY
            # a route that silently resolved to legacy would make every new-path pin pass on the ACL
            assert resolved is self.routes.get(module, Route.LEGACY), f"{module} resolved to {resolved.value} in {self.name}"
        return ports


def route_configurations() -> list[RouteConfiguration]:
    gone = {module: Route.NEW for module in sorted(modules_without_legacy())}
    candidates = [RouteConfiguration(f"{m}=new", {**gone, m: Route.NEW}, proves=m) for m in bootstrap.NEW_IMPLEMENTATIONS]
    if len(bootstrap.NEW_IMPLEMENTATIONS) > 1:
        # every new path at once: the legacy views and the absorbed legacy writes of one module
        # meet the others' (a module alone on new meets only legacy neighbours)
        everything = {**gone, **{m: Route.NEW for m in bootstrap.NEW_IMPLEMENTATIONS}}
        name = "all=new" if set(everything) == set(MODULES) else "migrated=new"
        candidates.append(RouteConfiguration(name, everything))
    if set(gone) != set(MODULES):
        candidates.append(RouteConfiguration("legacy", gone))
    unique: dict[tuple[tuple[str, Route], ...], RouteConfiguration] = {}
    for configuration in candidates:
        unique.setdefault(tuple(sorted(configuration.routes.items())), configuration)
    return list(unique.values())


def route_parameters(uses: Collection[str]) -> list[Any]:
    """pytest parameters for the configurations that route one of the modules an entry point ``uses``.

    Each parameter's id starts with ``via:`` (the snapshot extension leaves it out of the
    snapshot name, so every configuration meets the same snapshot); a configuration proving a
    module's new path carries that module's characterization evidence marker and `new_path`.
    """
    configurations = route_configurations()
    # a configuration proving a module the entry point never calls would rerun the legacy one
    relevant = [c for c in configurations if c.proves is None or c.proves in uses] or configurations[:1]
    return [pytest.param(c, id=f"via:{c.name}", marks=_evidence(c)) for c in relevant]


def _evidence(configuration: RouteConfiguration) -> list[Any]:
    if configuration.proves is None:
        return []
    module = configuration.proves
    return [pytest.mark.aicmo_evidence(module=module, suite="characterization", routes={module: "new"}), pytest.mark.new_path]
