"""An engine on which a shadow candidate's savepoints work, SQLite included.

pysqlite begins and commits transactions on its own and so breaks SAVEPOINT; SQLAlchemy's
documented recipe turns the driver's handling off and emits BEGIN itself.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

__all__ = ["savepoint_engine"]


def savepoint_engine(url: str) -> Engine:
    """An engine on `url`; an in-memory SQLite is one shared connection, as every session must see it."""
    options: dict[str, Any] = {}
    if url in ("sqlite://", "sqlite:///:memory:"):
        options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(url, **options)
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _no_driver_transactions(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN")
    return engine
