"""The audited changes: route steps (promote, rollback), tenant overrides, rollout, kill switch.

Each handler works inside the caller's transaction and appends one audit row; the caller
commits. A refused change raises before anything is written.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from aicmo.shared.clock import Clock
from aicmo.shared.persistence.ownership import MODULES
from aicmo.strangler.evidence.gate import DEFAULT_MIN_COMPARISONS, evaluate_gate
from aicmo.strangler.migration.errors import ChangeRefused, PromotionRefused, UnknownModule
from aicmo.strangler.routes.states import IllegalTransition, Route, check_transition, next_route, previous_route
from aicmo.strangler.routes.store import last_change
from aicmo.strangler.routes.tables import GLOBAL, KillSwitchRow, ModuleRouteRow, RouteChangeRow, TenantOverrideRow

__all__ = [
    "change_route",
    "current_route",
    "promote_module",
    "rollback_module",
    "set_kill_switch",
    "set_rollout",
    "set_tenant_override",
]


def _known(module: str) -> None:
    if module not in MODULES:
        raise UnknownModule(f"unknown module '{module}'; modules are {', '.join(MODULES)}")


def _why(why: str) -> str:
    if not why or not why.strip():
        raise ChangeRefused("a reason is required for every change")
    return why.strip()


def current_route(session: Session, module: str) -> Route:
    row = session.get(ModuleRouteRow, module)
    return Route(row.route) if row else Route.LEGACY


def _audit(session: Session, clock: Clock, module: str, kind: str, before: Optional[str], after: str,
           who: str, why: str, evidence: dict[str, Any] | None = None, tenant: Optional[str] = None) -> datetime:
    at = clock.now()
    session.add(RouteChangeRow(module=module, kind=kind, tenant=tenant, from_value=before, to_value=after,
                               who=who, why=why, at=at, evidence=evidence or {}))
    return at


def _deletion_missing(session: Session, module: str) -> list[str]:
    """Deleting legacy strands every tenant not fully on the new path."""
    row = session.get(ModuleRouteRow, module)
    missing = []
    if row is not None and row.rollout_percent < 100:
        missing.append(f"the new path reaches only {row.rollout_percent}% of tenants")
    held = session.scalars(select(TenantOverrideRow.tenant).where(
        TenantOverrideRow.module == module, TenantOverrideRow.route != Route.NEW.value)).all()
    if held:
        missing.append(f"tenant overrides keep {', '.join(sorted(held))} off the new path")
    return missing


def change_route(session: Session, clock: Clock, module: str, target: Route, who: str, why: str,
                 min_comparisons: int = DEFAULT_MIN_COMPARISONS) -> Route:
    """Move `module` one step to `target`, through the gate when the step is shadow -> new."""
    _known(module)
    why = _why(why)
    current = current_route(session, module)
    check_transition(module, current, target)
    evidence: dict[str, Any] = {}
    if (current, target) == (Route.SHADOW, Route.NEW):
        entered = last_change(session, module, kind="route", to_value=Route.SHADOW.value)
        verdict = evaluate_gate(session, module, entered.at if entered else None, min_comparisons)
        if not verdict.passed:
            raise PromotionRefused(module, target.value, verdict)
        evidence = verdict.evidence
    elif (current, target) == (Route.NEW, Route.DELETED):
        missing = _deletion_missing(session, module)
        if missing:
            raise ChangeRefused(f"{module}: deletion refused: " + "; ".join(missing))
    at = _audit(session, clock, module, "route", current.value, target.value, who, why, evidence)
    row = session.get(ModuleRouteRow, module)
    if row is None:
        session.add(ModuleRouteRow(module=module, route=target.value, rollout_percent=100, changed_at=at))
    else:
        row.route, row.changed_at = target.value, at
    return target


def promote_module(session: Session, clock: Clock, module: str, who: str, why: str,
                   min_comparisons: int = DEFAULT_MIN_COMPARISONS) -> Route:
    _known(module)
    target = next_route(current_route(session, module))
    if target is None:
        raise IllegalTransition(f"{module} is already deleted; there is nothing to promote to")
    return change_route(session, clock, module, target, who, why, min_comparisons)


def rollback_module(session: Session, clock: Clock, module: str, who: str, why: str) -> Route:
    _known(module)
    target = previous_route(current_route(session, module))
    if target is None:
        raise IllegalTransition(f"{module} is on legacy; there is nothing to roll back to")
    return change_route(session, clock, module, target, who, why)


def set_tenant_override(session: Session, clock: Clock, module: str, tenant: str, route: Optional[Route],
                        who: str, why: str) -> None:
    """Pin one tenant to a route (None removes the pin). Never ahead of the module's gate:
    a tenant may go to `new` only once the module itself has passed into `new`."""
    _known(module)
    why = _why(why)
    module_route = current_route(session, module)
    if module_route is Route.DELETED:
        raise ChangeRefused(f"{module} is deleted: its legacy path is gone, no tenant can be routed elsewhere")
    if route is Route.DELETED or (route is Route.NEW and module_route is not Route.NEW):
        raise ChangeRefused(f"{module}: a tenant cannot be routed to {route.value} while the module is on {module_route.value}")
    row = session.get(TenantOverrideRow, (module, tenant))
    before = row.route if row else None
    _audit(session, clock, module, "override", before, route.value if route else "none", who, why, tenant=tenant)
    if route is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(TenantOverrideRow(module=module, tenant=tenant, route=route.value))
    else:
        row.route = route.value


def set_rollout(session: Session, clock: Clock, module: str, percent: int, who: str, why: str) -> None:
    """The share of tenants that get the module's route; the others stay one step behind."""
    _known(module)
    why = _why(why)
    if not 0 <= percent <= 100:
        raise ChangeRefused(f"{module}: rollout must be between 0 and 100 percent, not {percent}")
    row = session.get(ModuleRouteRow, module)
    before = str(row.rollout_percent) if row else "100"
    at = _audit(session, clock, module, "rollout", before, str(percent), who, why)
    if row is None:
        session.add(ModuleRouteRow(module=module, route=Route.LEGACY.value, rollout_percent=percent, changed_at=at))
    else:
        row.rollout_percent = percent


def set_kill_switch(session: Session, clock: Clock, engaged: bool, who: str, why: str) -> None:
    """Engaged, every module that still has its legacy code runs on legacy."""
    why = _why(why)
    row = session.get(KillSwitchRow, 1)
    before = ("on" if row.engaged else "off") if row else "off"
    at = _audit(session, clock, GLOBAL, "kill_switch", before, "on" if engaged else "off", who, why)
    if row is None:
        session.add(KillSwitchRow(id=1, engaged=engaged, changed_at=at))
    else:
        row.engaged, row.changed_at = engaged, at
