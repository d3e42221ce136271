"""Routes resolved once per unit of work and cached, so a routed call pays a dict lookup.

A unit of work (one request, one journey step for one tenant) opens `RouteResolver.begin`;
the first call of a module asks OpenFeature, later calls reuse the answer. A route does not
change under a running unit of work, so a promotion or the kill switch takes effect from
the next one. A value that is not a route (a foreign flag system's typo) means legacy.
"""
from __future__ import annotations

import logging
from typing import Optional

from openfeature import api
from openfeature.client import OpenFeatureClient
from openfeature.evaluation_context import EvaluationContext
from openfeature.provider import FeatureProvider

from aicmo.strangler.route_flags.provider import UNIT_OF_WORK_SNAPSHOT, RouteFlagProvider, flag_key
from aicmo.strangler.routes.resolution import RouteSnapshot
from aicmo.strangler.routes.states import Route

__all__ = ["ROUTE_DOMAIN", "ResolvedRoutes", "RouteResolver", "route_client", "routes_client"]

ROUTE_DOMAIN = "aicmo.routes"  # the OpenFeature domain, so other flags keep their own provider
_ROUTES = {r.value: r for r in Route}
log = logging.getLogger(__name__)


def route_client(provider: FeatureProvider, domain: str = ROUTE_DOMAIN) -> OpenFeatureClient:
    """Install `provider` for the routes' domain and return a client of that domain.

    The provider is initialised before this returns: `set_provider` initialises it on a
    thread, and a flag read before that ends gets the default — legacy — silently.
    """
    api.set_provider_and_wait(provider, domain)
    return api.get_client(domain)


def routes_client(domain: str = ROUTE_DOMAIN) -> OpenFeatureClient:
    """The client of the routes' domain; this project's provider is installed on first use, once per process.

    A provider someone else installed for the domain (another flag system) is kept.
    """
    client = api.get_client(domain)
    if isinstance(client.provider, RouteFlagProvider) or api.provider_registry.get_provider(domain) is not api.provider_registry.get_default_provider():
        return client
    return route_client(RouteFlagProvider(), domain)


class ResolvedRoutes:
    """The routes of one unit of work for one tenant, resolved from the unit of work's snapshot."""

    __slots__ = ("_cache", "_client", "_context", "_snapshot")

    def __init__(self, client: OpenFeatureClient, tenant: Optional[str], snapshot: Optional[RouteSnapshot] = None) -> None:
        self._client = client
        self._context = EvaluationContext(targeting_key=tenant)
        self._snapshot = snapshot
        self._cache: dict[str, Route] = {}

    def route(self, module: str) -> Route:
        try:
            return self._cache[module]
        except KeyError:
            resolved = self._cache[module] = self._resolve(module)
            return resolved

    def _resolve(self, module: str) -> Route:
        token = UNIT_OF_WORK_SNAPSHOT.set(self._snapshot)
        try:
            details = self._client.get_string_details(flag_key(module), Route.LEGACY.value, self._context)
        finally:
            UNIT_OF_WORK_SNAPSHOT.reset(token)
        if details.error_code is not None:  # legacy is the safe answer, but never a silent one
            log.warning("flag %s not resolved (%s: %s); using legacy", flag_key(module), details.error_code.value, details.error_message)
            return Route.LEGACY
        value = details.value
        route = _ROUTES.get(value)
        if route is None:
            log.warning("flag %s resolved to %r, not a route; using legacy", flag_key(module), value)
            return Route.LEGACY
        return route


class RouteResolver:
    """Hands out one `ResolvedRoutes` per unit of work."""

    def __init__(self, client: OpenFeatureClient) -> None:
        self._client = client

    def begin(self, tenant: Optional[str] = None, snapshot: Optional[RouteSnapshot] = None) -> ResolvedRoutes:
        """The routes of a new unit of work; ``snapshot`` is the route tables as it read them."""
        return ResolvedRoutes(self._client, tenant, snapshot)
