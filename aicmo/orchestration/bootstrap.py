"""The composition root: wires each module's port to its implementation, by route.

`legacy_ports()` gives every ACL adapter; `routed_ports()` gives what the routes say: the
adapter, the new implementation, or both under shadow. A module's new implementation is
found through its migration descriptor (``aicmo/<module>/internal/descriptor.py``): adding a
module is that one file. `prepare_database` migrates or checks the database's tables.

Besides acl/, this is the one place allowed to reach legacy: the CLI asks it for the legacy
database settings, the acquisition input readers and, behind ``--legacy-flow``, the old
operator flow, each imported lazily.
"""
from __future__ import annotations

import functools
import importlib
import importlib.util
from types import ModuleType
from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional

from aicmo.orchestration.ports import ModulePorts
from aicmo.shared.modules import MODULES
from aicmo.shared.text_generation import TEXT_GENERATOR

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from aicmo.orchestration.port_wiring import NewImplementation
    from aicmo.shared.new_implementation import MigrationDescriptor
    from aicmo.shared.persistence.migrations import SchemaMigrations
    from aicmo.shared.text_generation import TextGenerator
    from aicmo.strangler.routes import Route

__all__ = [
    "DESCRIPTORS",
    "LEGACY_ADAPTERS",
    "LEGACY_VIEWS",
    "NEW_IMPLEMENTATIONS",
    "LegacyAdapters",
    "acquisition_files",
    "configure_legacy_database",
    "count_projects",
    "legacy_adapter",
    "legacy_operator_flow",
    "legacy_ports",
    "open_legacy_engine",
    "prepare_database",
    "routed_ports",
    "schema_migrations",
    "text_generator",
]

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
    return _adapter_class(module)()


@functools.cache
def _adapter_class(module: str) -> type:
    """The class, imported once per process: each unit of work builds its own adapters from it."""
    path, name = LEGACY_ADAPTERS[module]
    return getattr(importlib.import_module(path), name)  # type: ignore[no-any-return]


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


# the legacy view a module's new port keeps while legacy readers of its old columns remain:
# (its module under acl/, the wrapper class taking the new port)
LEGACY_VIEWS: Mapping[str, tuple[str, str]] = {
    "billing": ("acl.billing.legacy_view_sync", "BillingWithLegacyView"),
    "cam": ("acl.cam.legacy_view_sync", "CamWithLegacyView"),
    "client_review": ("acl.client_review.legacy_view_sync", "ClientReviewWithLegacyView"),
    "onboarding": ("acl.onboarding.legacy_view_sync", "OnboardingWithLegacyView"),
    "production": ("acl.production.legacy_view_sync", "ProductionWithLegacyView"),
    "qc": ("acl.qc.legacy_view_sync", "QcWithLegacyView"),
    "delivery": ("acl.delivery.legacy_view_sync", "DeliveryWithLegacyView"),
    "strategy": ("acl.strategy.legacy_view_sync", "StrategyWithLegacyView"),
}


# what a module's new port has other modules' owners do after its own commit, where legacy wrote
# their tables itself (aicmo/orchestration/<file>, the wrapper class taking the port and the bundle)
OWNER_EFFECTS: Mapping[str, tuple[str, str]] = {
    "cam": ("aicmo.orchestration.cam_effects", "CamThroughOwners"),
    "client_review": ("aicmo.orchestration.client_review_effects", "ClientReviewThroughOwners"),
    "delivery": ("aicmo.orchestration.delivery_effects", "DeliveryThroughOwners"),
}


def _descriptors() -> dict[str, "MigrationDescriptor"]:
    """Each module's migration descriptor, found at aicmo/<module>/internal/descriptor.py."""
    found = {}
    for module in MODULES:
        name = f"aicmo.{module}.internal.descriptor"
        if importlib.util.find_spec(f"aicmo.{module}.internal") and importlib.util.find_spec(name):
            found[module] = importlib.import_module(name).DESCRIPTOR
    return found


DESCRIPTORS: Mapping[str, "MigrationDescriptor"] = _descriptors()
NEW_IMPLEMENTATIONS = tuple(DESCRIPTORS)  # the modules that can take the shadow and new routes


def schema_migrations() -> list["SchemaMigrations"]:
    """Every owner's migrations: the strangler's, then each new implementation's."""
    from aicmo.strangler.schema import STRANGLER_MIGRATIONS

    return [STRANGLER_MIGRATIONS, *(d.migrations for d in DESCRIPTORS.values())]


_prepared: set[str] = set()  # databases this process has already checked or migrated


def prepare_database(database_url: str, *, upgrade: bool = False) -> "Engine":
    """The process's engine for ``database_url``, its migrated tables checked current (or upgraded first).

    Checked once per process and database; an in-memory database is new each time, so it is
    always migrated.
    """
    from aicmo.shared.persistence import migrations
    from aicmo.shared.persistence.engines import check_reachable, engine_for, is_in_memory, normalize_url

    engine = engine_for(database_url)
    key = normalize_url(database_url)
    if key in _prepared and not is_in_memory(key):
        return engine
    check_reachable(engine)
    for owner in schema_migrations():
        if upgrade or is_in_memory(key):
            migrations.upgrade(engine, owner)
        else:
            migrations.ensure_current(engine, owner)
    if upgrade and engine.dialect.name != "sqlite":
        # the journeys' checkpoints are tables of this database too; an SQLite file's are migrated by the engine itself
        from aicmo.orchestration.durable.engine import migrate_system_database

        migrate_system_database(database_url)
    _prepared.add(key)
    return engine


def _new_implementation(descriptor: "MigrationDescriptor", engine: "Engine") -> Callable[[Mapping[str, Any]], "NewImplementation"]:
    """What the router needs of a module's new path, once its dependencies' ports are wired."""
    from aicmo.orchestration.port_wiring import NewImplementation
    from aicmo.shared.clock import SystemClock

    clock = SystemClock()  # datetime.now: pinned by --reproducible as legacy's clock is
    view = LEGACY_VIEWS.get(descriptor.module)
    effects = OWNER_EFFECTS.get(descriptor.module)

    def build(ports: Mapping[str, Any]) -> NewImplementation:
        dependencies = {**ports, TEXT_GENERATOR: text_generator()}
        def port() -> Any:
            built = descriptor.build(engine, clock, dependencies)
            if view is not None:
                path, name = view
                built = getattr(importlib.import_module(path), name)(built)
            if effects is not None:
                from aicmo.orchestration.port_wiring import BUNDLE

                path, name = effects
                built = getattr(importlib.import_module(path), name)(built, dependencies[BUNDLE])
            return built

        return NewImplementation(
            port=port,
            engine=engine,
            # no legacy view under shadow: legacy already wrote those columns, and the candidate writes nothing that lands
            candidate=lambda connection: descriptor.build(connection, clock, dependencies),
            shadowed=descriptor.shadowed,
            explain=descriptor.explain,
            ignore=descriptor.instant_fields,
        )

    return build


def text_generator() -> "TextGenerator":
    """The providers legacy asks (its LLM client), as the port a new implementation asks."""
    return importlib.import_module("acl._support.text_generator").LegacyTextGenerator()


def routed_ports(
    database_url: str,
    overrides: Optional[Mapping[str, "Route"]] = None,
    tenant: Optional[str] = None,
) -> ModulePorts:
    """The ports for one unit of work: routes from the strangler tables of `database_url`, `overrides` on top.

    The database must be migrated (`prepare_database`; an in-memory one is migrated here).
    What does not change between units of work is the process's, per database: the engine,
    the sessions, the evidence recorder, the new implementations' wiring and the route
    snapshot, re-read only when the route version moved (a change by any process, the kill
    switch included, reaches the next unit of work). Per unit of work this asks the route
    version and builds the bundle.
    """
    from aicmo.orchestration.port_wiring import route_ports
    from aicmo.strangler.route_flags import routes_resolver

    routing = _routing(prepare_database(database_url))
    snapshot = routing.snapshots.current(overrides)
    routes = routes_resolver().begin(tenant, snapshot)
    return route_ports(LegacyAdapters(), routes, routing.new, routing.recorder, context={"tenant": tenant})


class _Routing:
    """What routing one database needs that no unit of work changes."""

    def __init__(self, engine: "Engine") -> None:
        from aicmo.strangler.evidence import EvidenceRecorder
        from aicmo.strangler.routes.snapshot_cache import route_snapshots
        from aicmo.strangler.schema import strangler_sessions

        sessions = strangler_sessions(engine)
        self.snapshots = route_snapshots(engine, sessions)
        self.recorder = EvidenceRecorder(sessions)
        self.new = {module: _new_implementation(descriptor, engine) for module, descriptor in DESCRIPTORS.items()}


def _routing(engine: "Engine") -> _Routing:
    """The process's `_Routing` of ``engine``, kept on the engine (and gone with it: an in-memory
    database's engine is new each time, and so is this)."""
    routing = engine.__dict__.get("_aicmo_routing")
    if routing is None:
        routing = _Routing(engine)
        engine._aicmo_routing = routing  # type: ignore[attr-defined]
    return routing


def configure_legacy_database(url: str) -> None:
    """Point the legacy global engine at ``url``, its tables made one process at a time.

    Legacy creates its tables when it first opens a session, with nothing to keep two processes
    apart: eight journeys started at once on a fresh PostgreSQL database fail on the catalogue's
    unique index. So they are made here first, under the lock migrations take; legacy then
    finds them there. (An in-memory database belongs to one process.)
    """
    from backend.db import session
    from backend.db.models import Base

    from aicmo.shared.persistence.engines import engine_for, is_in_memory
    from aicmo.shared.persistence.migrations import schema_change

    session.configure(url)
    if not is_in_memory(url):
        with schema_change(engine_for(url)) as connection:
            Base.metadata.create_all(connection)


def open_legacy_engine() -> None:
    """Make legacy's global engine now, on this thread (configured already).

    Legacy makes it lazily on first use, unguarded: journeys starting at once on a worker's
    threads would race to make it, and the loser finds it half-made.
    """
    from backend.db.session import get_engine

    get_engine()


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
