"""Legacy bound to a transaction the caller rolls back: how a shadow replay runs legacy and keeps nothing.

Every legacy session is made by the global sessionmaker of backend.db.session. While
`joined_to(connection)` is open, that sessionmaker binds its sessions to `connection`, joining
its transaction through a savepoint (a legacy commit releases the savepoint, the transaction
stays open), so whatever legacy writes meanwhile is undone with the caller's rollback. The
connection must honour savepoints: one of the kit's engines (aicmo.shared.persistence.engines),
not legacy's own, on which SQLite's driver commits when a savepoint is released. The
sessionmaker is the process's own: this is for a process that runs nothing else meanwhile (the
replay command), and it is put back as it was when the context closes.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

__all__ = ["joined_to"]


@contextmanager
def joined_to(connection: "Connection") -> Iterator[None]:
    """Every legacy session opened meanwhile writes inside `connection`'s transaction."""
    from backend.db import session as legacy_db

    legacy_db.get_engine()  # makes the sessionmaker
    # legacy keeps its one sessionmaker in a module global and offers no way to rebind it
    factory = legacy_db._session_factory
    assert factory is not None
    previous = dict(factory.kw)
    factory.configure(bind=connection, join_transaction_mode="create_savepoint")
    try:
        yield
    finally:
        factory.kw = previous
