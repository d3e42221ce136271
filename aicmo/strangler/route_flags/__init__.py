"""Routes as feature flags: an OpenFeature provider and a per-unit-of-work cached resolver."""
from aicmo.strangler.route_flags.provider import FLAG_PREFIX, RouteFlagProvider, flag_key
from aicmo.strangler.route_flags.resolver import ROUTE_DOMAIN, ResolvedRoutes, RouteResolver, route_client

__all__ = ["FLAG_PREFIX", "ROUTE_DOMAIN", "ResolvedRoutes", "RouteFlagProvider", "RouteResolver", "flag_key", "route_client"]
