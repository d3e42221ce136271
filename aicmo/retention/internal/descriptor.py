"""retention's migration descriptor: how the strangler builds, shadows and migrates the new retention."""
from __future__ import annotations

from typing import Any, Mapping, Union

from sqlalchemy.engine import Connection, Engine

from aicmo.retention.internal.divergences import DECLARED_DIVERGENCES
from aicmo.retention.internal.naming import drawn, keyed
from aicmo.retention.internal.service import RetentionService
from aicmo.retention.internal.tables import RetentionBase
from aicmo.retention.internal.unit_of_work import RetentionUnitOfWork
from aicmo.shared.clock import Clock
from aicmo.shared.new_implementation import MigrationDescriptor
from aicmo.shared.persistence.migrations import SchemaMigrations
from aicmo.shared.persistence.module_session import implementation_sessions

__all__ = ["DESCRIPTOR", "RETENTION_MIGRATIONS", "build_retention"]

RETENTION_MIGRATIONS = SchemaMigrations("retention", "aicmo.retention.internal", RetentionBase.metadata)


def build_retention(bind: Union[Engine, Connection], clock: Clock, ports: Mapping[str, Any]) -> RetentionService:
    """RetentionPort on retention's tables behind a retention-scoped, ownership-guarded session.

    It asks no other module: everything it reads comes in its signals. Given a Connection inside a
    transaction (a shadow run, rolled back after), each unit of work commits to a savepoint of it
    and no id is drawn: the assessment is named by its key (naming.py).
    """
    sessions, shadow = implementation_sessions("retention", bind)
    return RetentionService(lambda: RetentionUnitOfWork(sessions), clock, keyed if shadow else drawn)


DESCRIPTOR = MigrationDescriptor(
    module="retention",
    build=build_retention,
    migrations=RETENTION_MIGRATIONS,
    # assess_retention starts from nothing stored: the candidate computes the assessment from the
    # same signals in a rolled-back savepoint, so one comparison per journey covers every rule. get_assessment/latest_assessment read stored
    # assessments, which the rolled-back candidate never keeps, so under shadow they answer from
    # legacy only; the port suite and the retention=new pins prove them.
    shadowed=frozenset({"assess_retention"}),
    # assessed_at is the clock reading of each run (the candidate runs after legacy, so always a
    # little later); the id is a draw legacy made and the candidate must not repeat (naming.py).
    # Both are equal where state is kept: the port suite, the pins and reproducible journeys
    instant_fields=frozenset({"assessment_id", "assessed_at"}),
    divergences=DECLARED_DIVERGENCES,
)
