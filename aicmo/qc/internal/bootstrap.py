"""The factory the composition root calls: the new QC port on its own database, and its tables."""
from __future__ import annotations

from typing import Union

from sqlalchemy import create_engine
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool

from aicmo.production.api import ProductionPort
from aicmo.qc.api import QcPort
from aicmo.qc.internal.service import QcService
from aicmo.qc.internal.tables import QcBase
from aicmo.qc.internal.unit_of_work import QcUnitOfWork
from aicmo.shared.clock import Clock
from aicmo.shared.persistence.module_session import module_sessionmaker

__all__ = ["build_qc", "create_qc_tables", "qc_engine"]


def qc_engine(url: str) -> Engine:
    """An engine for QC's database; an in-memory SQLite is one shared connection, or each session would see an empty database."""
    if url in ("sqlite://", "sqlite:///:memory:"):
        return create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    return create_engine(url)


def create_qc_tables(bind: Union[Engine, Connection]) -> None:
    """Create QC's tables (only QC's: its Base knows no other) where missing."""
    QcBase.metadata.create_all(bind)


def build_qc(
    bind_or_url: Union[Engine, Connection, str], clock: Clock, production: ProductionPort, *, create_tables: bool = True
) -> QcPort:
    """QcPort on QC's tables behind a qc-scoped, ownership-guarded session; production answers for the creatives.

    Given a Connection inside a transaction, each unit of work commits to a savepoint of it, so
    a caller (a shadow run) can roll back everything the new QC wrote.
    """
    bind = qc_engine(bind_or_url) if isinstance(bind_or_url, str) else bind_or_url
    if create_tables:
        create_qc_tables(bind)
    options = {"join_transaction_mode": "create_savepoint"} if isinstance(bind, Connection) else {}
    sessions = module_sessionmaker("qc", bind, **options)
    return QcService(lambda: QcUnitOfWork(sessions), clock, production)
