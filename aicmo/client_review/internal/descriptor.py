"""client_review's migration descriptor: how the strangler builds, shadows and migrates the new client review."""
from __future__ import annotations

from typing import Any, Mapping, Union

from sqlalchemy.engine import Connection, Engine

from aicmo.client_review.api import ClientReviewPort
from aicmo.client_review.internal.divergences import DECLARED_DIVERGENCES
from aicmo.client_review.internal.service import ClientReviewService
from aicmo.client_review.internal.tables import ClientReviewBase
from aicmo.client_review.internal.unit_of_work import ClientReviewUnitOfWork
from aicmo.shared.clock import Clock
from aicmo.shared.new_implementation import MigrationDescriptor
from aicmo.shared.persistence.migrations import SchemaMigrations
from aicmo.shared.persistence.module_session import implementation_sessions

__all__ = ["CLIENT_REVIEW_MIGRATIONS", "DESCRIPTOR", "build_client_review"]

CLIENT_REVIEW_MIGRATIONS = SchemaMigrations("client_review", "aicmo.client_review.internal", ClientReviewBase.metadata)


def build_client_review(bind: Union[Engine, Connection], clock: Clock, ports: Mapping[str, Any]) -> ClientReviewPort:
    """ClientReviewPort on client review's tables behind a client_review-scoped, ownership-guarded session.

    Given a Connection inside a transaction, each unit of work commits to a savepoint of it, so
    a caller (a shadow run) can roll back everything the new client review wrote.
    """
    sessions, _ = implementation_sessions("client_review", bind)
    return ClientReviewService(lambda: ClientReviewUnitOfWork(sessions), clock, ports["production"])


DESCRIPTOR = MigrationDescriptor(
    module="client_review",
    build=build_client_review,
    migrations=CLIENT_REVIEW_MIGRATIONS,
    # record_feedback and get_review work on a stored package, which the rolled-back candidate
    # never keeps (its open_review is rolled back after the call), so under shadow they answer
    # from legacy only; open_review starts from nothing stored and the other two are pure
    shadowed=frozenset({"open_review", "plan_revision", "simulated_feedback"}),
    # created_at / recorded_at are the clock reading of each run (the candidate runs after
    # legacy, so always a little later); proven equal where time is fixed: the port suite and
    # the client_review=new pins
    instant_fields=frozenset({"created_at", "recorded_at"}),
    divergences=DECLARED_DIVERGENCES,
)
