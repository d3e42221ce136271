"""Who owns each table: exactly one business module per table (architecture rule 5).

The legacy tables are owned as in spec section 11, declared in ``[tool.aicmo.legacy_tables]``
of the project's pyproject.toml. A new implementation registers the tables
it creates with `register_table` at import time, so the registry always names every table.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from aicmo.shared.modules import MODULES
from aicmo.shared.project_config import project_config

__all__ = [
    "INFRASTRUCTURE_OWNERS",
    "LEGACY_TABLE_OWNERS",
    "MODULES",
    "OwnershipError",
    "owner_of",
    "register_table",
    "table_owners",
]


# Owners that are not business modules, with the Python package that owns their tables. They
# are kept apart from MODULES: no module session is ever bound to them and they declare no
# contract; the migration machinery stores routes and evidence in tables of its own.
INFRASTRUCTURE_OWNERS: Mapping[str, str] = MappingProxyType({"strangler": "aicmo.strangler"})

# configuration: [tool.aicmo.legacy_tables] of the project's pyproject.toml
LEGACY_TABLE_OWNERS: Mapping[str, str] = MappingProxyType(dict(project_config().legacy_tables))

_owners: dict[str, str] = dict(LEGACY_TABLE_OWNERS)


class OwnershipError(ValueError):
    """A table without an owner, with two owners, or owned by an unknown module."""


def register_table(table: str, owner: str) -> None:
    """Declare that `owner` owns `table`; a second, different owner is refused."""
    if owner not in MODULES and owner not in INFRASTRUCTURE_OWNERS:
        raise OwnershipError(f"table {table}: unknown owner module '{owner}'")
    current = _owners.get(table)
    if current is not None and current != owner:
        raise OwnershipError(f"table {table} is owned by {current}; {owner} cannot own it too")
    _owners[table] = owner


def owner_of(table: str) -> str:
    try:
        return _owners[table]
    except KeyError:
        raise OwnershipError(f"table {table} has no owner module") from None


def table_owners() -> Mapping[str, str]:
    """A read-only view of the whole registry."""
    return MappingProxyType(dict(_owners))
