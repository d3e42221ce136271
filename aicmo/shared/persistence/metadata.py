"""The metadata of one owner's tables: its PostgreSQL schema and one naming convention for all.

Constraint and index names leave the schema out, so a table's indexes are named alike on
PostgreSQL and on SQLite (where the schema is translated away) and the migrations and the
ORM agree on both.
"""
from __future__ import annotations

from sqlalchemy import MetaData

__all__ = ["NAMING_CONVENTION", "owner_metadata"]

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def owner_metadata(schema: str) -> MetaData:
    """A MetaData whose tables live in ``schema``, named by the shared convention."""
    return MetaData(schema=schema, naming_convention=NAMING_CONVENTION)
