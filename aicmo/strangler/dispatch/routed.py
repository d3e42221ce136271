"""A routed port: each call goes to the legacy adapter, the new implementation, or both (shadow).

The route comes from a `ResolvedRoutes`, the per-unit-of-work cache, so it is resolved once
and every later call pays a dict lookup.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Optional

from aicmo.strangler.routes.states import Route

if TYPE_CHECKING:
    from aicmo.strangler.route_flags import ResolvedRoutes
    from aicmo.strangler.dispatch.shadow import ShadowRunner

__all__ = ["NoNewImplementation", "RoutedPort"]


class NoNewImplementation(LookupError):
    """A module routed to shadow or new before it has a new implementation."""

    def __init__(self, module: str, route: str) -> None:
        super().__init__(f"{module} has no new implementation, so it cannot run on the {route} route; use legacy")


class RoutedPort:
    """Stands in for one module's port; dispatches every public method by the module's route."""

    def __init__(
        self,
        module: str,
        routes: "ResolvedRoutes",
        legacy: Any,
        new: Optional[Any] = None,
        shadow: Optional["ShadowRunner"] = None,
        shadowed: frozenset[str] = frozenset(),
    ) -> None:
        self.module = module
        self._routes = routes
        self._legacy = legacy
        self._new = new
        self._shadow = shadow
        # only these methods run on both paths; the rest (reads of stored state, which the
        # rolled-back candidate never keeps) answer from legacy under shadow
        self._shadowed = shadowed

    def route(self) -> Route:
        return self._routes.route(self.module)

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_"):
            raise AttributeError(name)
        # an unknown method fails as it would on the port; asked of the side the route uses, so
        # a module on new never builds (or imports) its legacy adapter
        on_new = self._routes.route(self.module) in (Route.NEW, Route.DELETED) and self._new is not None
        getattr(self._new if on_new else self._legacy, name)

        def routed(*args: Any, **kwargs: Any) -> Any:
            route = self._routes.route(self.module)  # the unit of work's cached answer
            if route is Route.LEGACY:
                return getattr(self._legacy, name)(*args, **kwargs)
            if route is Route.SHADOW:
                if self._shadow is None:
                    raise NoNewImplementation(self.module, route.value)
                legacy_call = lambda: getattr(self._legacy, name)(*args, **kwargs)  # noqa: E731
                if name not in self._shadowed:
                    return legacy_call()
                return self._shadow.call(name, args, kwargs, legacy_call)
            # new, and deleted (its legacy code is gone; only the new implementation remains)
            if self._new is None:
                raise NoNewImplementation(self.module, route.value)
            return getattr(self._new, name)(*args, **kwargs)

        routed.__name__ = name
        # kept on the instance: later calls find it without __getattr__, which keeps a routed
        # call within the routing budget (benchmarks/routing.py)
        self.__dict__[name] = routed
        return routed
