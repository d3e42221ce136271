"""One legacy session per port call: opened, watched, committed or rolled back, closed.

A caller never sees the legacy session. A port call that raises (a contract error, a
translation error, a legacy failure) rolls back, so a rejected input writes nothing.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from acl._support.ownership_monitor import MONITOR

__all__ = ["legacy_session"]


@contextmanager
def legacy_session(module: str) -> Iterator[Session]:
    """A session of the legacy global engine, on behalf of ``module``."""
    from backend.db.session import SessionLocal

    session = SessionLocal()
    MONITOR.watch(session, module)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
