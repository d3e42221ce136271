"""A routed port: each call goes to the legacy adapter, the new implementation, or both (shadow).

The route comes from a `ResolvedRoutes`, the per-unit-of-work cache, so it is resolved once;
each method is then bound to its target on first use, and a later call on legacy or new is
the target's own bound method.
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
        # the route does not change under a unit of work, so the first use of a method binds
        # it to its target for good: on legacy and new (and for a method shadow does not
        # compare) the target's own bound method, kept on this instance, so later calls skip
        # __getattr__ and pay nothing for the routing. An unknown method fails as it would on
        # the port; asked of the side the route uses, so a module on new never builds (or
        # imports) its legacy adapter.
        route = self._routes.route(self.module)
        if route is Route.LEGACY:
            target = getattr(self._legacy, name)
        elif self._new is None:
            getattr(self._legacy, name)
            target = _refusal(self.module, route, name)
        elif route is Route.SHADOW:
            target = self._shadowing(name)
        else:  # new, and deleted (its legacy code is gone; only the new implementation remains)
            target = getattr(self._new, name)
        self.__dict__[name] = target
        return target

    def _shadowing(self, name: str) -> Callable[..., Any]:
        legacy_method = getattr(self._legacy, name)
        shadow = self._shadow
        if shadow is None:
            return _refusal(self.module, Route.SHADOW, name)
        if name not in self._shadowed:
            return legacy_method

        def shadowed(*args: Any, **kwargs: Any) -> Any:
            return shadow.call(name, args, kwargs, lambda: legacy_method(*args, **kwargs))

        shadowed.__name__ = name
        return shadowed


def _refusal(module: str, route: Route, name: str) -> Callable[..., Any]:
    """A method of a module routed where it has no new implementation: refused when called."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise NoNewImplementation(module, route.value)

    refuse.__name__ = name
    return refuse
