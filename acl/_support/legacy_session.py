"""One legacy session per port call: opened, watched, committed or rolled back, closed.

A caller never sees the legacy session. A port call that raises (a contract error, a
translation error, a legacy failure) rolls back, so a rejected input writes nothing.

A keyed command opens the call's session itself (acl._support.idempotency) and the adapter's
own ``legacy_session`` joins it: the effect and its idempotency record commit together, once.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Optional

from sqlalchemy.orm import Session

from acl._support.ownership_monitor import MONITOR

__all__ = ["call_session", "legacy_session"]

_call_session: ContextVar[Optional[Session]] = ContextVar("acl_call_session", default=None)


@contextmanager
def legacy_session(module: str) -> Iterator[Session]:
    """A session of the legacy global engine, on behalf of ``module``; inside a keyed call, the call's."""
    joined = _call_session.get()
    if joined is not None:
        yield joined  # the keyed call commits or rolls back, its record with the effect
        return
    with _own_session(module) as session:
        yield session


@contextmanager
def call_session(module: str) -> Iterator[Session]:
    """The one session of a keyed call: every ``legacy_session`` opened inside joins it."""
    with _own_session(module) as session:
        token = _call_session.set(session)
        try:
            yield session
        finally:
            _call_session.reset(token)


@contextmanager
def _own_session(module: str) -> Iterator[Session]:
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
