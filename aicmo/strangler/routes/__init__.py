"""Routes: each module's route (legacy, shadow, new, deleted), its state machine, tenant
overrides, percentage rollout and kill switch, in the strangler's own tables.
"""
from aicmo.strangler.database import AppendOnlyViolation, StranglerBase, StranglerSession
from aicmo.strangler.routes.resolution import ModuleRoute, RouteSnapshot, rollout_bucket
from aicmo.strangler.routes.states import ORDER, IllegalTransition, Route, check_transition
from aicmo.strangler.routes.store import load_snapshot, snapshot_source
from aicmo.strangler.routes.tables import KillSwitchRow, ModuleRouteRow, RouteChangeRow, TenantOverrideRow

__all__ = [
    "ORDER",
    "AppendOnlyViolation",
    "IllegalTransition",
    "KillSwitchRow",
    "ModuleRoute",
    "ModuleRouteRow",
    "Route",
    "RouteChangeRow",
    "RouteSnapshot",
    "StranglerBase",
    "StranglerSession",
    "TenantOverrideRow",
    "check_transition",
    "load_snapshot",
    "rollout_bucket",
    "snapshot_source",
]
