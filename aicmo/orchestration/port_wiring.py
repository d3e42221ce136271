"""Routing the ten ports: one run's route overrides, and the bundle of routed ports.

The composition root (bootstrap) supplies the legacy adapters and the new implementations;
this file only decides, per module, what the application gets. Routes are resolved once
here, for the unit of work the bundle serves, so a module with no new implementation is
refused before any work starts instead of halfway through a journey.
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Callable, Collection, Mapping, Optional

from aicmo.orchestration.ports import ModulePorts
from aicmo.shared.modules import MODULE_DEPENDENCIES, MODULES
from aicmo.strangler.dispatch import NoNewImplementation, RoutedPort, ShadowRunner
from aicmo.strangler.routes import Route

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from aicmo.strangler.evidence import EvidenceRecorder
    from aicmo.strangler.route_flags import ResolvedRoutes

__all__ = ["BUNDLE", "NewImplementation", "RouteOptionError", "parse_route_options", "route_ports"]

# beside a module's dependencies: the whole bundle, once wired, for what a new path asks at call
# time of modules wired after it (delivery's effects on billing, which depends on delivery)
BUNDLE = "bundle"

ALL = "all"
SETTABLE = (Route.LEGACY, Route.SHADOW, Route.NEW)  # deleted is a migration step, not a per-run choice


class RouteOptionError(ValueError):
    """A `--route` value that names no module or no route, or a route the module cannot take."""


@dataclasses.dataclass(frozen=True)
class NewImplementation:
    """What the router needs of a module's new path."""

    port: Callable[[], Any]  # the port for the `new` route, built only when a call needs it
    engine: "Engine"  # the database its shadow candidate's doomed transaction runs on
    candidate: Callable[["Connection"], Any]  # the port bound to that transaction
    shadowed: frozenset[str]  # the methods compared under shadow; reads of stored state are not
    explain: Callable[[list[dict[str, Any]]], Optional[str]] = lambda diffs: None
    ignore: frozenset[str] = frozenset()  # fields that hold the instant of the call (compared on no run)


def parse_route_options(values: Collection[str], with_new: Collection[str]) -> dict[str, Route]:
    """`MODULE=ROUTE` values (later ones win; `all=ROUTE` sets every module) as module -> route."""
    routes: dict[str, Route] = {}
    names = {r.value: r for r in SETTABLE}
    for value in values:
        module, sep, name = value.partition("=")
        module, name = module.strip(), name.strip()
        if not sep or (module not in MODULES and module != ALL):
            raise RouteOptionError(f"--route '{value}': expected MODULE=ROUTE with MODULE one of {', '.join(MODULES)} or {ALL}")
        if name not in names:
            raise RouteOptionError(f"--route '{value}': ROUTE must be one of {', '.join(names)}")
        for target in MODULES if module == ALL else (module,):
            routes[target] = names[name]
    missing = sorted(m for m, r in routes.items() if r is not Route.LEGACY and m not in with_new)
    if missing:
        have = ", ".join(sorted(with_new)) or "none"
        raise RouteOptionError(f"--route: {', '.join(missing)} has no new implementation (only {have}); route it to legacy")
    return routes


def route_ports(
    legacy: Any,
    routes: "ResolvedRoutes",
    new: Mapping[str, Callable[[Mapping[str, Any]], NewImplementation]],
    recorder: "EvidenceRecorder",
    context: Optional[Mapping[str, Any]] = None,
    shadow_timeout_s: Optional[float] = None,
) -> ModulePorts:
    """Each port as the resolved route wants it: the adapter itself on legacy, a `RoutedPort` otherwise.

    `legacy` gives each module's adapter as an attribute (`ModulePorts`, or the composition
    root's `LegacyAdapters`, which builds one on first use): a module on its new route never
    touches its adapter, so its legacy code is not even imported. `new` builds a module's new
    path from the ports of the modules it depends on; the modules are wired in dependency
    order (MODULES is), so those ports are this bundle's. `shadow_timeout_s` bounds each shadow
    candidate (default: AICMO_SHADOW_TIMEOUT_S, else 2 s).
    """
    ports: dict[str, Any] = {}
    wired: list[ModulePorts] = []  # the bundle, once built: never asked for while wiring
    for module in MODULES:
        # resolved here, eagerly: refusals come before any work, and the answers are cached
        # before another unit of work installs its own provider for the routes' domain
        route = routes.route(module)
        if route is Route.LEGACY:
            ports[module] = getattr(legacy, module)  # no indirection at all for the common case
            continue
        build = new.get(module)
        if build is None:
            raise NoNewImplementation(module, route.value)
        implementation = build({**{dependency: ports[dependency] for dependency in MODULE_DEPENDENCIES[module]},
                                BUNDLE: lambda: wired[0]})
        on_new = route in (Route.NEW, Route.DELETED)
        adapter = _Lazy(lambda m=module: getattr(legacy, m)) if on_new else getattr(legacy, module)
        shadow = ShadowRunner(module, implementation.engine, implementation.candidate, recorder,
                              context={**(context or {}), "route": route.value}, explain=implementation.explain,
                              ignore=implementation.ignore, timeout_s=shadow_timeout_s)
        ports[module] = RoutedPort(module, routes, adapter, _Lazy(implementation.port), shadow, implementation.shadowed)
    wired.append(ModulePorts(**ports))
    return wired[0]


class _Lazy:
    """The new port, built on its first call: shadow never needs it, and building it creates tables."""

    def __init__(self, build: Callable[[], Any]) -> None:
        self._build = build
        self._port: Any = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._port is None:
            self._port = self._build()
        return getattr(self._port, name)
