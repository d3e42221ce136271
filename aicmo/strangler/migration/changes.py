"""The audited changes: route steps (promote, rollback), tenant overrides, rollout, kill switch.

Each handler works inside the caller's transaction and appends one audit row; the caller
commits. A refused change raises before anything is written.

Each change is a compare-and-set: the row it changes is locked first (route_lock.py), and the
state it reads, the gate it evaluates and the audit row's `from` all come after the lock, in
the same transaction; so concurrent changes apply one after the other, each on the state the
previous one left.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from aicmo.shared.clock import Clock
from aicmo.shared.persistence.ownership import MODULES
from aicmo.strangler.evidence.gate import evaluate_gate
from aicmo.strangler.migration.errors import ChangeRefused, InvalidChange, PromotionRefused, UnknownModule
from aicmo.strangler.migration.policy import PromotionPolicy
from aicmo.strangler.migration.route_lock import lock_kill_switch, lock_module_route
from aicmo.strangler.routes.states import IllegalTransition, Route, check_transition, next_route, previous_route
from aicmo.strangler.routes.store import last_change
from aicmo.strangler.routes.tables import GLOBAL, ModuleRouteRow, RouteChangeRow, TenantOverrideRow

__all__ = [
    "change_route",
    "check_module",
    "check_override",
    "check_rollout",
    "current_route",
    "promote_module",
    "rollback_module",
    "set_kill_switch",
    "set_rollout",
    "set_tenant_override",
]


def check_module(module: str) -> None:
    """Raise UnknownModule unless `module` is one of the business modules."""
    if module not in MODULES:
        raise UnknownModule(f"unknown module '{module}'; modules are {', '.join(MODULES)}")


def check_rollout(module: str, percent: int) -> None:
    """Raise (bad input) unless `module` is known and `percent` a percentage: checkable before any database is opened."""
    check_module(module)
    if not 0 <= percent <= 100:
        raise InvalidChange(f"{module}: rollout must be between 0 and 100 percent, not {percent}")


def check_override(module: str, tenant: str, route: Optional[Route]) -> None:
    """Raise (bad input) on an override no route state could allow: checkable before any database is opened."""
    check_module(module)
    if not tenant.strip():
        raise InvalidChange(f"{module}: an override needs a tenant")
    if route is Route.DELETED:
        raise InvalidChange(f"{module}: a tenant cannot be routed to deleted: only a module is deleted, by promotion")


def _why(why: str) -> str:
    if not why or not why.strip():
        raise InvalidChange("a reason is required for every change")
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


def change_route(session: Session, clock: Clock, module: str, target: Route, who: str, why: str, *,
                 policy: PromotionPolicy, confirm_deletion: bool = False,
                 deletion_blockers: Optional[Sequence[str]] = None) -> Route:
    """Move `module` one step to `target`, checked against the policy on the locked current route.

    legacy -> shadow needs a new implementation; shadow -> new the evidence gate; new ->
    deleted an explicit confirmation and the deletion readiness evidence (`deletion_blockers`:
    what still needs the module's legacy code, from the deletion checklist; None means it was
    not evaluated, which refuses).
    """
    check_module(module)
    why = _why(why)
    row = lock_module_route(session, module, clock.now())
    current = Route(row.route)
    check_transition(module, current, target)
    evidence: dict[str, Any] = {}
    if (current, target) == (Route.LEGACY, Route.SHADOW) and module not in policy.implemented:
        raise ChangeRefused(f"{module} has no new implementation: shadow and new would run nothing "
                            f"(modules with one: {', '.join(sorted(policy.implemented)) or 'none'})")
    if (current, target) == (Route.SHADOW, Route.NEW):
        entered = last_change(session, module, kind="route", to_value=Route.SHADOW.value)
        verdict = evaluate_gate(session, module, entered.at if entered else None, policy.min_comparisons, policy.commit)
        if not verdict.passed:
            raise PromotionRefused(module, target.value, verdict)
        evidence = verdict.evidence
    elif (current, target) == (Route.NEW, Route.DELETED):
        evidence = _deletion_evidence(session, module, confirm_deletion, deletion_blockers)
    at = _audit(session, clock, module, "route", current.value, target.value, who, why, evidence)
    row.route, row.changed_at = target.value, at
    return target


def _deletion_evidence(session: Session, module: str, confirmed: bool, blockers: Optional[Sequence[str]]) -> dict[str, Any]:
    """Deleting legacy cannot be undone by a rollback: confirmed, and nothing may still need it."""
    if not confirmed:
        raise ChangeRefused(f"{module}: new -> deleted removes the legacy path for good; confirm it (--confirm)")
    if blockers is None:
        raise ChangeRefused(f"{module}: deletion refused: its deletion readiness (the deletion checklist) was not evaluated")
    missing = _deletion_missing(session, module) + list(blockers)
    if missing:
        raise ChangeRefused(f"{module}: deletion refused: " + "; ".join(missing))
    return {"deletion_checklist": "nothing outside the module needs its legacy code", "confirmed": True}


def promote_module(session: Session, clock: Clock, module: str, who: str, why: str, *, policy: PromotionPolicy,
                   confirm_deletion: bool = False, deletion_blockers: Optional[Sequence[str]] = None) -> Route:
    """One step forward from the current route, read under the lock."""
    check_module(module)
    current = Route(lock_module_route(session, module, clock.now()).route)
    target = next_route(current)
    if target is None:
        raise IllegalTransition(f"{module} is already deleted; there is nothing to promote to")
    return change_route(session, clock, module, target, who, why, policy=policy, confirm_deletion=confirm_deletion,
                        deletion_blockers=deletion_blockers)


def rollback_module(session: Session, clock: Clock, module: str, who: str, why: str) -> Route:
    """One step back from the current route, read under the lock; a rollback needs no evidence."""
    check_module(module)
    current = Route(lock_module_route(session, module, clock.now()).route)
    target = previous_route(current)
    if target is None:
        raise IllegalTransition(f"{module} is on legacy; there is nothing to roll back to")
    return change_route(session, clock, module, target, who, why, policy=_ROLLBACK)


# a rollback never reaches a gated step (shadow -> legacy, new -> shadow): nothing of the policy is read
_ROLLBACK = PromotionPolicy(implemented=frozenset())


def set_tenant_override(session: Session, clock: Clock, module: str, tenant: str, route: Optional[Route],
                        who: str, why: str) -> None:
    """Pin one tenant to a route (None removes the pin). Never ahead of the module's gate:
    a tenant may go to `new` only once the module itself has passed into `new`."""
    check_module(module)
    why = _why(why)
    check_override(module, tenant, route)
    module_route = Route(lock_module_route(session, module, clock.now()).route)
    if module_route is Route.DELETED:
        raise ChangeRefused(f"{module} is deleted: its legacy path is gone, no tenant can be routed elsewhere")
    if route is Route.NEW and module_route is not Route.NEW:
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
    why = _why(why)
    check_rollout(module, percent)
    row = lock_module_route(session, module, clock.now())
    _audit(session, clock, module, "rollout", str(row.rollout_percent), str(percent), who, why)
    row.rollout_percent = percent


def set_kill_switch(session: Session, clock: Clock, engaged: bool, who: str, why: str) -> None:
    """Engaged, every module that still has its legacy code runs on legacy."""
    why = _why(why)
    row = lock_kill_switch(session, clock.now())
    at = _audit(session, clock, GLOBAL, "kill_switch", "on" if row.engaged else "off", "on" if engaged else "off", who, why)
    row.engaged, row.changed_at = engaged, at
