"""Reading the route tables into a snapshot, and the module's current row."""
from __future__ import annotations

from typing import Callable, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from aicmo.strangler.routes.resolution import ModuleRoute, RouteSnapshot
from aicmo.strangler.routes.states import Route
from aicmo.strangler.routes.tables import KillSwitchRow, ModuleRouteRow, RouteChangeRow, TenantOverrideRow

__all__ = ["kill_switch_engaged", "last_change", "load_snapshot", "snapshot_source"]


def kill_switch_engaged(session: Session) -> bool:
    row = session.get(KillSwitchRow, 1)
    return bool(row and row.engaged)


def load_snapshot(session: Session) -> RouteSnapshot:
    """Every module route, override and the kill switch, in three queries."""
    modules = {r.module: ModuleRoute(Route(r.route), r.rollout_percent) for r in session.scalars(select(ModuleRouteRow))}
    overrides = {(o.module, o.tenant): Route(o.route) for o in session.scalars(select(TenantOverrideRow))}
    return RouteSnapshot(modules, overrides, kill_switch_engaged(session))


def snapshot_source(sessions: sessionmaker) -> Callable[[], RouteSnapshot]:
    """What RouteFlagProvider needs: a fresh snapshot per evaluation, in its own short session."""

    def read() -> RouteSnapshot:
        with sessions() as session:
            return load_snapshot(session)

    return read


def last_change(session: Session, module: str, kind: Optional[str] = None, to_value: Optional[str] = None) -> Optional[RouteChangeRow]:
    query = select(RouteChangeRow).where(RouteChangeRow.module == module)
    if kind:
        query = query.where(RouteChangeRow.kind == kind)
    if to_value:
        query = query.where(RouteChangeRow.to_value == to_value)
    return session.scalars(query.order_by(RouteChangeRow.id.desc()).limit(1)).first()
