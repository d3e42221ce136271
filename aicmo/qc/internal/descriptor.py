"""qc's migration descriptor: how the strangler builds, shadows and migrates the new QC."""
from __future__ import annotations

from typing import Any, Mapping, Union

from sqlalchemy.engine import Connection, Engine

from aicmo.qc.api import QcPort
from aicmo.qc.internal.divergences import DECLARED_DIVERGENCES
from aicmo.qc.internal.service import QcService
from aicmo.qc.internal.tables import QcBase
from aicmo.qc.internal.unit_of_work import QcUnitOfWork
from aicmo.shared.clock import Clock
from aicmo.shared.new_implementation import MigrationDescriptor
from aicmo.shared.persistence.migrations import SchemaMigrations
from aicmo.shared.persistence.module_session import implementation_sessions

__all__ = ["DESCRIPTOR", "QC_MIGRATIONS", "build_qc"]

QC_MIGRATIONS = SchemaMigrations("qc", "aicmo.qc.internal", QcBase.metadata)


def build_qc(bind: Union[Engine, Connection], clock: Clock, ports: Mapping[str, Any]) -> QcPort:
    """QcPort on QC's tables behind a qc-scoped, ownership-guarded session; production answers for the creatives.

    Given a Connection inside a transaction, each unit of work commits to a savepoint of it, so
    a caller (a shadow run) can roll back everything the new QC wrote.
    """
    sessions, _ = implementation_sessions("qc", bind)
    return QcService(lambda: QcUnitOfWork(sessions), clock, ports["production"])


DESCRIPTOR = MigrationDescriptor(
    module="qc",
    build=build_qc,
    migrations=QC_MIGRATIONS,
    # get_result/latest_result read stored results, which the rolled-back candidate never
    # keeps, so under shadow they answer from legacy only
    shadowed=frozenset({"evaluate_creative_set", "check_creative", "score_document"}),
    # evaluated_at is the clock reading of each run (the candidate runs after legacy, so always a
    # little later); qc_result_id is derived from the set's evaluation round, which the
    # candidate counts from its own stored results, rolled back after every shadow call, so from
    # the second round on its count restarts at 0. Both are proven equal where state is kept:
    # the port suite and the qc=new pins.
    instant_fields=frozenset({"evaluated_at", "qc_result_id"}),
    divergences=DECLARED_DIVERGENCES,
)
