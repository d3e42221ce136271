"""A module's two paths wired for a shadow replay, as the composition root wires them under shadow.

The candidate is the module's new implementation built by its descriptor on the candidate's
doomed connection, its collaborators the ports of the modules it depends on as the routes
stand today (a collaborator on shadow answers from legacy, as it does under shadow, and none
records a comparison); legacy is the module's ACL adapter with its sessions joined to the
transaction the replay rolls back. A mismatch counts as explained only by a divergence declared
for the module, as the promotion gate counts it.
"""
from __future__ import annotations

import importlib
import typing
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator, Mapping, Optional

from sqlalchemy import select

from aicmo.orchestration import bootstrap
from aicmo.orchestration.ports import ModulePorts
from aicmo.shared.clock import SystemClock
from aicmo.shared.modules import MODULE_DEPENDENCIES, MODULES
from aicmo.shared.text_generation import TEXT_GENERATOR
from aicmo.strangler.dispatch import RoutedPort
from aicmo.strangler.dispatch.settings import candidate_timeout
from aicmo.strangler.evidence.tables import DeclaredDivergenceRow
from aicmo.strangler.replay.arguments import port_arguments
from aicmo.strangler.replay.run import ReplayTarget
from aicmo.strangler.routes import Route

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import sessionmaker

__all__ = ["replay_target"]


def _collaborators(module: str, database_url: str) -> Mapping[str, Any]:
    """The ports `module`'s new implementation depends on, on today's routes with shadow answered by legacy."""
    ports = bootstrap.routed_ports(database_url)
    shadowing = {m: Route.LEGACY for m in MODULES
                 if isinstance(getattr(ports, m), RoutedPort) and getattr(ports, m).route() is Route.SHADOW}
    if shadowing:
        ports = bootstrap.routed_ports(database_url, shadowing)
    return {dependency: getattr(ports, dependency) for dependency in MODULE_DEPENDENCIES[module]}


def replay_target(module: str, database_url: str, sessions: "sessionmaker") -> ReplayTarget:
    """`module`'s paths on `database_url` (migrated already); `sessions` are its strangler tables'."""
    descriptor = bootstrap.DESCRIPTORS[module]
    engine = bootstrap.prepare_database(database_url)
    bootstrap.configure_legacy_database(database_url)
    rolled_back = importlib.import_module("acl._support.rolled_back_legacy")
    dependencies = {**_collaborators(module, database_url), TEXT_GENERATOR: bootstrap.text_generator()}
    clock = SystemClock()
    with sessions() as session:
        declared = frozenset(session.scalars(select(DeclaredDivergenceRow.name).where(DeclaredDivergenceRow.module == module)))

    @contextmanager
    def legacy(connection: "Connection") -> Iterator[Any]:
        with rolled_back.joined_to(connection):
            yield bootstrap.legacy_adapter(module)  # a new one per run, as each unit of work builds its own

    def explain(diffs: list[dict[str, Any]]) -> Optional[str]:
        name = descriptor.explain(diffs)
        return name if name in declared else None

    return ReplayTarget(
        module=module, engine=engine,
        candidate=lambda connection: descriptor.build(connection, clock, dependencies),
        legacy_engine=engine, legacy=legacy,  # the kit's engine: legacy's own breaks savepoints on SQLite
        decode=port_arguments(typing.get_type_hints(ModulePorts)[module]),
        explain=explain, ignore=descriptor.instant_fields, timeout_s=candidate_timeout(),
    )
