"""The one global engine and sessionmaker every legacy service shares.

The engine is created lazily from AICMO_DATABASE_URL (default sqlite:///aicmo.db) the first
time a session is asked for, and every legacy table is created on it at that moment.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_DATABASE_URL = "sqlite:///aicmo.db"

_engine: Engine | None = None
_session_factory: sessionmaker | None = None
_url_override: str | None = None


def database_url() -> str:
    return _url_override or os.environ.get("AICMO_DATABASE_URL") or DEFAULT_DATABASE_URL


def configure(url: str | None = None) -> None:
    """Point the global engine at another database (None: back to the environment)."""
    global _url_override
    reset()
    _url_override = url


def reset() -> None:
    """Drop the global engine; the next session creates it again."""
    global _engine, _session_factory
    if _engine is not None:
        _engine.dispose()
    _engine = None
    _session_factory = None


def get_engine() -> Engine:
    global _engine, _session_factory
    if _engine is None:
        from backend.db.models import Base

        url = database_url()
        kwargs = {}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"check_same_thread": False}
            if url in ("sqlite://", "sqlite:///:memory:"):
                from sqlalchemy.pool import StaticPool

                kwargs["poolclass"] = StaticPool
        _engine = create_engine(url, **kwargs)
        Base.metadata.create_all(_engine)
        _session_factory = sessionmaker(bind=_engine, autoflush=False, expire_on_commit=False)
    return _engine


def SessionLocal() -> Session:  # noqa: N802 - legacy name kept for its many callers
    get_engine()
    assert _session_factory is not None
    return _session_factory()


@contextmanager
def get_session() -> Iterator[Session]:
    """One session for a whole flow; commits on success, rolls back on error."""
    session = SessionLocal()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
