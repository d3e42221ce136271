"""Routes as feature flags: an OpenFeature provider and a per-unit-of-work cached resolver."""
from aicmo.strangler.route_flags.provider import FLAG_PREFIX, UNIT_OF_WORK_SNAPSHOT, RouteFlagProvider, flag_key
from aicmo.strangler.route_flags.resolver import ROUTE_DOMAIN, ResolvedRoutes, RouteResolver, route_client, routes_client, routes_resolver

__all__ = [
    "FLAG_PREFIX",
    "ROUTE_DOMAIN",
    "UNIT_OF_WORK_SNAPSHOT",
    "ResolvedRoutes",
    "RouteFlagProvider",
    "RouteResolver",
    "flag_key",
    "route_client",
    "routes_client",
    "routes_resolver",
]
