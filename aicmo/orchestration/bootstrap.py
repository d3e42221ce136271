"""The composition root: wires each module's port to its implementation, by route.

`legacy_ports()` gives every ACL adapter; `routed_ports()` gives what the routes say: the
adapter, the new implementation (today only qc has one), or both under shadow.

Besides acl/, this is the one place allowed to reach legacy: the CLI asks it for the legacy
database settings, the acquisition input readers and, behind ``--legacy-flow``, the old
operator flow, each imported lazily.
"""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Any, Mapping, Optional

from aicmo.orchestration.ports import ModulePorts

if TYPE_CHECKING:
    from aicmo.orchestration.port_wiring import NewImplementation
    from aicmo.strangler.routes import Route

__all__ = [
    "LEGACY_ADAPTERS",
    "NEW_IMPLEMENTATIONS",
    "LegacyAdapters",
    "acquisition_files",
    "configure_legacy_database",
    "count_projects",
    "legacy_adapter",
    "legacy_operator_flow",
    "legacy_ports",
    "new_qc",
    "routed_ports",
]

# compared under shadow; get_result/latest_result read stored results, which the rolled-back
# candidate never keeps, so under shadow they answer from legacy only
QC_SHADOWED = frozenset({"evaluate_creative_set", "check_creative", "score_document"})
# not compared under shadow, and why: evaluated_at is the clock reading of each run (the
# candidate runs after legacy, so always a little later); qc_result_id is derived from the
# set's evaluation round, which the candidate counts from its own stored results, and those
# are rolled back after every shadow call, so from the second round on its count restarts at
# 0. Both are proven equal where state is kept: the contract suite and the qc=new journey.
QC_SHADOW_IGNORED = frozenset({"evaluated_at", "qc_result_id"})


# each module's anti-corruption adapter: (its module under acl/, its class); imported on use,
# so a module on its new route never loads its legacy code (nor needs it to exist)
LEGACY_ADAPTERS: Mapping[str, tuple[str, str]] = {
    "cam": ("acl.cam.adapter", "LegacyCam"),
    "onboarding": ("acl.onboarding.adapter", "LegacyOnboarding"),
    "strategy": ("acl.strategy.adapter", "LegacyStrategy"),
    "production": ("acl.production.adapter", "LegacyProduction"),
    "qc": ("acl.qc.adapter", "LegacyQc"),
    "client_review": ("acl.client_review.adapter", "LegacyClientReview"),
    "delivery": ("acl.delivery.adapter", "LegacyDelivery"),
    "reporting": ("acl.reporting.adapter", "LegacyReporting"),
    "billing": ("acl.billing.adapter", "LegacyBilling"),
    "retention": ("acl.retention.adapter", "LegacyRetention"),
}


def legacy_adapter(module: str) -> Any:
    """A new instance of ``module``'s anti-corruption adapter over the legacy code."""
    path, name = LEGACY_ADAPTERS[module]
    return getattr(importlib.import_module(path), name)()


class LegacyAdapters:
    """The legacy adapters of one bundle, each built on first use (``adapters.qc``)."""

    def __getattr__(self, module: str) -> Any:
        if module not in LEGACY_ADAPTERS:
            raise AttributeError(module)
        adapter = self.__dict__[module] = legacy_adapter(module)
        return adapter


def legacy_ports() -> ModulePorts:
    """Every port answered by its anti-corruption adapter over the legacy code."""
    return ModulePorts(**{module: legacy_adapter(module) for module in LEGACY_ADAPTERS})


def new_qc(database_url: str, legacy: "ModulePorts | LegacyAdapters") -> "NewImplementation":
    """The new QC on the legacy database (its own Base, tables created on demand), legacy view kept in sync.

    An in-memory URL cannot be shared between two engines, so there QC gets a memory
    database of its own.
    """
    from acl.qc.legacy_view_sync import QcWithLegacyView
    from aicmo.orchestration.port_wiring import NewImplementation
    from aicmo.qc.internal.bootstrap import build_qc, create_qc_tables
    from aicmo.shared.clock import SystemClock
    from aicmo.strangler.dispatch import savepoint_engine

    engine = savepoint_engine(database_url)
    create_qc_tables(engine)
    clock = SystemClock()  # datetime.now: pinned by --reproducible as legacy's clock is
    return NewImplementation(
        port=lambda: QcWithLegacyView(build_qc(engine, clock, legacy.production, create_tables=False)),
        engine=engine,
        # no legacy-view sync under shadow: legacy already wrote those columns, and the candidate writes nothing that lands
        candidate=lambda connection: build_qc(connection, clock, legacy.production, create_tables=False),
        shadowed=QC_SHADOWED,
        ignore=QC_SHADOW_IGNORED,
    )


_NEW_BUILDERS = {"qc": new_qc}
NEW_IMPLEMENTATIONS = tuple(_NEW_BUILDERS)  # the modules that can take the shadow and new routes


def routed_ports(
    database_url: str,
    overrides: Optional[Mapping[str, "Route"]] = None,
    tenant: Optional[str] = None,
) -> ModulePorts:
    """The ports for one unit of work: routes from the strangler tables of `database_url`, `overrides` on top.

    The strangler's tables (routes, evidence) are created on demand in that database; shadow
    comparisons are recorded there.
    """
    from aicmo.orchestration.port_wiring import override_routes, route_ports
    from aicmo.strangler.evidence import EvidenceRecorder
    from aicmo.strangler.route_flags import RouteFlagProvider, RouteResolver, route_client
    from aicmo.strangler.routes import load_snapshot, open_database

    sessions = open_database(database_url)
    with sessions() as session:
        snapshot = override_routes(load_snapshot(session), overrides or {})
    routes = RouteResolver(route_client(RouteFlagProvider(lambda: snapshot))).begin(tenant)
    legacy = LegacyAdapters()
    # built only for a module that needs it: building creates the module's tables
    new = {m: build(database_url, legacy) for m, build in _NEW_BUILDERS.items() if routes.route(m).value != "legacy"}
    return route_ports(legacy, routes, new, EvidenceRecorder(sessions), context={"tenant": tenant})


def configure_legacy_database(url: str) -> None:
    """Point the legacy global engine at ``url``."""
    from backend.db import session

    session.configure(url)


def count_projects() -> int:
    """Rows in cam_campaigns: part of the reproducible seed, so a second run gets other ids."""
    from sqlalchemy import func, select

    from backend.db.models import CampaignRow
    from backend.db.session import SessionLocal

    with SessionLocal() as session:
        return session.scalar(select(func.count()).select_from(CampaignRow)) or 0


def legacy_operator_flow() -> ModuleType:
    """aicmo.operator_services, the flow before the ports (``--legacy-flow``)."""
    from aicmo import operator_services

    return operator_services


def intake_requests() -> ModuleType:
    """The reader of `aicmo run`'s intake requests (acl.onboarding.requests)."""
    from acl.onboarding import requests

    return requests


def acquisition_files() -> ModuleType:
    """The reader of `aicmo acquire`'s input files (acl.cam.files)."""
    from acl.cam import files

    return files
