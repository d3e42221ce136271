"""Module-scoped sessions: one session factory per business module, guarded so that the
module writes only its own tables (rule 5). Reads are not restricted here: reading another
module's data goes through its port, which the boundaries check enforces.
"""
from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from aicmo.shared.persistence.guard import MODULE_KEY, check_tables, install_guard
from aicmo.shared.persistence.ownership import MODULES

__all__ = ["GuardedSession", "module_sessionmaker"]


class GuardedSession(Session):
    """A Session whose legacy bulk methods, which skip the flush and execute hooks, are checked too."""

    def _guard_bulk(self, mapper: Any, how: str) -> None:
        module = self.info.get(MODULE_KEY)
        if module is not None:
            from sqlalchemy import inspect

            check_tables(module, [t.name for t in inspect(mapper).tables], how)

    def bulk_save_objects(self, objects: Iterable[Any], *args: Any, **kwargs: Any) -> None:
        objects = list(objects)
        for instance in objects:
            self._guard_bulk(type(instance), "bulk save")
        super().bulk_save_objects(objects, *args, **kwargs)

    def bulk_insert_mappings(self, mapper: Any, mappings: Any, *args: Any, **kwargs: Any) -> None:
        self._guard_bulk(mapper, "bulk insert")
        super().bulk_insert_mappings(mapper, mappings, *args, **kwargs)

    def bulk_update_mappings(self, mapper: Any, mappings: Any) -> None:
        self._guard_bulk(mapper, "bulk update")
        super().bulk_update_mappings(mapper, mappings)


install_guard(GuardedSession)


def module_sessionmaker(module: str, bind: Engine | Connection, **options: Any) -> sessionmaker:
    """The session factory of one module: its sessions carry the module name and the guard."""
    if module not in MODULES:
        raise ValueError(f"unknown module '{module}'; modules are {', '.join(MODULES)}")
    info = {**options.pop("info", {}), MODULE_KEY: module}
    options.setdefault("expire_on_commit", False)
    return sessionmaker(bind=bind, class_=GuardedSession, info=info, **options)
