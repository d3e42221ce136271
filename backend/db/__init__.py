"""Legacy database layer: one global engine and session factory, one declarative Base."""
from backend.db.models import Base
from backend.db.session import SessionLocal, configure, get_engine, get_session, reset

__all__ = ["Base", "SessionLocal", "configure", "get_engine", "get_session", "reset"]
