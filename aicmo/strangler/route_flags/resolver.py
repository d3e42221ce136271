"""Routes resolved once per unit of work and cached, so a routed call pays a dict lookup.

A unit of work (one request, one journey step for one tenant) opens `RouteResolver.begin`;
the first call of a module asks OpenFeature, later calls reuse the answer. A route does not
change under a running unit of work, so a promotion or the kill switch takes effect from
the next one. A value that is not a route (a foreign flag system's typo) means legacy. With
this project's provider, the answers from one snapshot are kept for the next units of work of
the same tenant (`RouteResolver`), so an unchanged snapshot is not resolved again.
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

__all__ = ["ROUTE_DOMAIN", "ResolvedRoutes", "RouteResolver", "route_client", "routes_client", "routes_resolver"]

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


_process_resolver: Optional["RouteResolver"] = None


def routes_resolver(domain: str = ROUTE_DOMAIN) -> "RouteResolver":
    """The process's resolver of the routes' domain, whose kept answers outlive one unit of work.

    The provider is (re)installed as `routes_client` does; the resolver's client finds the
    domain's provider at each evaluation, so one resolver serves whatever is installed.
    """
    global _process_resolver
    client = routes_client(domain)
    if domain != ROUTE_DOMAIN:
        return RouteResolver(client)
    if _process_resolver is None:
        _process_resolver = RouteResolver(client)
    return _process_resolver


class ResolvedRoutes:
    """The routes of one unit of work for one tenant, resolved from the unit of work's snapshot."""

    __slots__ = ("_cache", "_client", "_context", "_snapshot")

    def __init__(self, client: OpenFeatureClient, tenant: Optional[str], snapshot: Optional[RouteSnapshot] = None,
                 cache: Optional[dict[str, Route]] = None) -> None:
        self._client = client
        self._context = EvaluationContext(targeting_key=tenant)
        self._snapshot = snapshot
        # the answers; shared with the other units of work of the same snapshot and tenant when
        # the answers can only be the same (RouteResolver decides)
        self._cache: dict[str, Route] = {} if cache is None else cache

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


_SNAPSHOTS_KEPT = 32  # snapshots whose answers are kept (the current one, and a run's `--route` variants)
_TENANTS_KEPT = 4096  # tenants per snapshot; past that the answers start over


class RouteResolver:
    """Hands out one `ResolvedRoutes` per unit of work.

    With this project's provider installed, a route is a function of the snapshot and the
    tenant alone, so the answers one unit of work got through OpenFeature are kept for the next
    ones that begin with the same snapshot object and tenant: a process whose routes did not
    change resolves each module once per tenant, not once per unit of work. Another provider
    (a team's own flag system) is asked every time, as it may answer differently.
    """

    def __init__(self, client: OpenFeatureClient) -> None:
        self._client = client
        self._answers: dict[int, tuple[RouteSnapshot, dict[Optional[str], dict[str, Route]]]] = {}

    def begin(self, tenant: Optional[str] = None, snapshot: Optional[RouteSnapshot] = None) -> ResolvedRoutes:
        """The routes of a new unit of work; ``snapshot`` is the route tables as it read them."""
        return ResolvedRoutes(self._client, tenant, snapshot, self._kept_answers(tenant, snapshot))

    def _kept_answers(self, tenant: Optional[str], snapshot: Optional[RouteSnapshot]) -> Optional[dict[str, Route]]:
        if snapshot is None or not isinstance(self._client.provider, RouteFlagProvider):
            return None
        kept = self._answers.get(id(snapshot))
        if kept is None or kept[0] is not snapshot:  # an id is reused only once its snapshot is gone
            if len(self._answers) >= _SNAPSHOTS_KEPT:
                self._answers.clear()
            kept = self._answers[id(snapshot)] = (snapshot, {})
        by_tenant = kept[1]
        answers = by_tenant.get(tenant)
        if answers is None:
            if len(by_tenant) >= _TENANTS_KEPT:
                by_tenant.clear()
            answers = by_tenant[tenant] = {}
        return answers
