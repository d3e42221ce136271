"""reporting's migration descriptor: how the strangler builds, shadows and migrates the new reporting."""
from __future__ import annotations

from typing import Any, Mapping, Union

from sqlalchemy.engine import Connection, Engine

from aicmo.reporting.api import ReportingPort
from aicmo.reporting.internal.divergences import DECLARED_DIVERGENCES, explain
from aicmo.reporting.internal.ids import DrawnIds, KeyedIds
from aicmo.reporting.internal.service import ReportingService
from aicmo.reporting.internal.tables import ReportingBase
from aicmo.reporting.internal.unit_of_work import ReportingUnitOfWork
from aicmo.shared.clock import Clock
from aicmo.shared.new_implementation import MigrationDescriptor
from aicmo.shared.persistence.migrations import SchemaMigrations
from aicmo.shared.persistence.module_session import implementation_sessions

__all__ = ["DESCRIPTOR", "REPORTING_MIGRATIONS", "build_reporting"]

REPORTING_MIGRATIONS = SchemaMigrations("reporting", "aicmo.reporting.internal", ReportingBase.metadata)


def build_reporting(bind: Union[Engine, Connection], clock: Clock, ports: Mapping[str, Any]) -> ReportingPort:
    """ReportingPort on reporting's tables behind a reporting-scoped, ownership-guarded session.

    It asks no other module: the request carries the metrics (or the client id that seeds the
    simulator) and cam's OutreachStats is a DTO. Given a Connection inside a transaction (a
    shadow run, rolled back after), each unit of work commits to a savepoint of it and no id is
    drawn (ids.py).
    """
    sessions, shadow = implementation_sessions("reporting", bind)
    return ReportingService(lambda: ReportingUnitOfWork(sessions), clock, KeyedIds() if shadow else DrawnIds())


DESCRIPTOR = MigrationDescriptor(
    module="reporting",
    build=build_reporting,
    migrations=REPORTING_MIGRATIONS,
    # generate_report (once per journey) and measure_outreach_efficiency (once per acquisition)
    # are reproduced by a rolled-back candidate: the figures follow from the request alone (the
    # simulator is seeded by the client id). get_report reads stored reports, which the
    # candidate never keeps (legacy generated them); attribute_conversion is called by no flow.
    shadowed=frozenset({"generate_report", "measure_outreach_efficiency"}),
    # created_at is the clock reading of each run (the candidate runs after legacy); the report
    # id is a draw legacy made and the candidate must not repeat (ids.py). Both are proven equal
    # where state is kept: the port suite, the reporting=new pins and the journeys byte for byte.
    instant_fields=frozenset({"report_id", "created_at"}),
    explain=explain,
    divergences=DECLARED_DIVERGENCES,
)
