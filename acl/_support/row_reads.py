"""A legacy row by its primary key, as ``Session.get`` answers, for less.

``Session.get`` builds and annotates a new SELECT on every call that misses the identity map,
and a port call's session is new, so every read of a row missed: a quarter of a millisecond a
read, a project row read a dozen times a journey. Here the SELECT of each model is built once,
with a bound parameter, so SQLAlchemy's compiled cache answers it at once. What ``get``
promises stays: a row this session already holds comes from its identity map (``get`` itself
answers then: it knows expired and deleted rows), never a copy; the SELECT flushes first
exactly when ``get``'s own load would (the session's autoflush setting); and the statement
holds no row, only its shape, so a row changed by another session is read afresh.
"""
from __future__ import annotations

from functools import cache
from typing import Any, Optional, TypeVar

from sqlalchemy import bindparam, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

__all__ = ["row_by_id"]

R = TypeVar("R")


def row_by_id(session: Session, model: type[R], row_id: Any) -> Optional[R]:
    """``session.get(model, row_id)``: the session's own row, else the one row with that primary key, else None."""
    if (model, (row_id,), None) in session.identity_map:
        return session.get(model, row_id)
    return session.execute(_by_id(model), {"row_id": row_id}).scalar_one_or_none()


@cache
def _by_id(model: type) -> Select[Any]:
    (key,) = inspect(model).primary_key  # the legacy rows have a single-column key
    return select(model).where(key == bindparam("row_id"))
