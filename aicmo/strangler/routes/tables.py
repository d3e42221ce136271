"""The strangler's route tables: one route per module, tenant overrides, the kill switch, and
the append-only audit trail of every change.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from aicmo.shared.persistence.ownership import register_table
from aicmo.shared.persistence.types import UtcDateTime
from aicmo.strangler.database import AppendOnly, StranglerBase, make_append_only

__all__ = ["GLOBAL", "ROUTE_TABLES", "KillSwitchRow", "ModuleRouteRow", "RouteChangeRow", "RouteVersionRow", "TenantOverrideRow"]

GLOBAL = "*"  # the module column of changes that are not about one module (the kill switch)


class ModuleRouteRow(StranglerBase):
    """A module's route; `rollout_percent` of tenants get it, the rest stay one step behind."""

    __tablename__ = "strangler_module_routes"

    module: Mapped[str] = mapped_column(String(40), primary_key=True)
    route: Mapped[str] = mapped_column(String(10))
    rollout_percent: Mapped[int] = mapped_column(Integer, default=100)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())


class TenantOverrideRow(StranglerBase):
    """One tenant's route for one module, whatever the rollout says."""

    __tablename__ = "strangler_tenant_overrides"

    module: Mapped[str] = mapped_column(String(40), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(200), primary_key=True)
    route: Mapped[str] = mapped_column(String(10))


class KillSwitchRow(StranglerBase):
    """The global kill switch: a single row, engaged sends every module back to legacy."""

    __tablename__ = "strangler_kill_switch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    engaged: Mapped[bool] = mapped_column(Boolean, default=False)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())


class RouteChangeRow(AppendOnly, StranglerBase):
    """One audited change: route, override, rollout or kill switch; never updated or deleted."""

    __tablename__ = "strangler_route_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    module: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # route, override, rollout, kill_switch, divergence
    tenant: Mapped[Optional[str]] = mapped_column(String(200), nullable=True)
    from_value: Mapped[Optional[str]] = mapped_column(String(20), nullable=True)
    to_value: Mapped[str] = mapped_column(String(20))
    who: Mapped[str] = mapped_column(String(200))
    why: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class RouteVersionRow(StranglerBase):
    """A single row counting the changes to the route tables; a process re-reads them only when it moved.

    The database bumps it (a trigger on each route table, installed by the strangler's
    migrations), in the transaction of the change: whoever changes a route, from any process
    or by hand in SQL, moves it, and a reader sees the new count exactly when it sees the change.
    """

    __tablename__ = "strangler_route_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)


# the tables a route snapshot is read from: a change to any of them bumps strangler_route_version
ROUTE_TABLES = ("strangler_module_routes", "strangler_tenant_overrides", "strangler_kill_switch")

make_append_only(RouteChangeRow.__table__)  # type: ignore[arg-type]

# literal names: the static ownership check reads these calls without importing this file
register_table("strangler_module_routes", "strangler")
register_table("strangler_tenant_overrides", "strangler")
register_table("strangler_kill_switch", "strangler")
register_table("strangler_route_changes", "strangler")
register_table("strangler_route_version", "strangler")
