"""Re-exports of the one global session, for legacy callers outside backend/."""
from backend.db.session import SessionLocal, get_engine, get_session

__all__ = ["SessionLocal", "get_engine", "get_session"]
