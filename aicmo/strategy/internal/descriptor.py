"""strategy's migration descriptor: how the strangler builds, shadows and migrates the new strategy."""
from __future__ import annotations

from typing import Any, Mapping, Union

from sqlalchemy.engine import Connection, Engine

from aicmo.shared.clock import Clock
from aicmo.shared.new_implementation import MigrationDescriptor
from aicmo.shared.persistence.migrations import SchemaMigrations
from aicmo.shared.persistence.module_session import implementation_sessions
from aicmo.shared.text_generation import TEXT_GENERATOR
from aicmo.strategy.api import StrategyPort
from aicmo.strategy.internal.divergences import DECLARED_DIVERGENCES
from aicmo.strategy.internal.service import StrategyService
from aicmo.strategy.internal.tables import StrategyBase
from aicmo.strategy.internal.unit_of_work import StrategyUnitOfWork

__all__ = ["DESCRIPTOR", "STRATEGY_MIGRATIONS", "build_strategy"]

STRATEGY_MIGRATIONS = SchemaMigrations("strategy", "aicmo.strategy.internal", StrategyBase.metadata)


def build_strategy(bind: Union[Engine, Connection], clock: Clock, ports: Mapping[str, Any]) -> StrategyPort:
    """StrategyPort on strategy's tables behind a strategy-scoped, ownership-guarded session.

    The text generator drafts; onboarding stamps the project with each decision. Given a
    Connection inside a transaction, each unit of work commits to a savepoint of it, so a
    caller (a shadow run) can roll back everything the new strategy wrote.
    """
    sessions, _ = implementation_sessions("strategy", bind)
    return StrategyService(lambda: StrategyUnitOfWork(sessions), clock, ports[TEXT_GENERATOR], ports["onboarding"])


DESCRIPTOR = MigrationDescriptor(
    module="strategy",
    build=build_strategy,
    migrations=STRATEGY_MIGRATIONS,
    # draft_strategy: the candidate drafts from the same project with the same provider, and a
    # draft's answer lists no decisions, so it reproduces legacy's answer in a rolled-back
    # savepoint; validate_document is pure. approve/reject are not compared: the candidate would
    # stamp the project through the real onboarding port (a write a rollback cannot undo), and
    # its tables, rolled back after every call, never hold the strategy legacy drafted.
    # get_strategy/render_markdown read stored state the candidate never keeps.
    shadowed=frozenset({"draft_strategy", "validate_document"}),
    # every instant in a draft's answer is the project's creation, the same on both paths
    instant_fields=frozenset(),
    divergences=DECLARED_DIVERGENCES,
)
