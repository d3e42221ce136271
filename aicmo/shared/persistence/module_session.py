"""Module-scoped sessions: one session factory per business module, guarded so that the
module writes only its own tables (rule 5). Reads are not restricted here: reading another
module's data goes through its port, which the boundaries check enforces.

Three layers: the session's hooks refuse ORM and Core writes before anything is sent
(guard.py); every connection the session's bind gives out refuses a statement writing a
foreign table, whatever path it took (connection_guard.py); and on PostgreSQL, with
``database_role``, each transaction runs as the module's role, which the server lets write
only the module's schema (module_roles.py).
"""
from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from aicmo.shared.persistence.connection_guard import guard_bind
from aicmo.shared.persistence.guard import MODULE_KEY, check_tables, install_guard
from aicmo.shared.persistence.module_roles import take_role_in_transactions
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


def module_sessionmaker(module: str, bind: Engine | Connection, *, database_role: bool = False, **options: Any) -> sessionmaker:
    """The session factory of one module: its sessions carry the module name and the guard.

    ``bind`` is wrapped so that each of its connections is guarded (a connection given here is
    the module's from now on). ``database_role``: on PostgreSQL each transaction also runs as
    the module's role, which its owner's migration prepared (`aicmo db upgrade`).
    """
    if module not in MODULES:
        raise ValueError(f"unknown module '{module}'; modules are {', '.join(MODULES)}")
    info = {**options.pop("info", {}), MODULE_KEY: module}
    options.setdefault("expire_on_commit", False)
    guarded = guard_bind(module, bind)
    if database_role:
        take_role_in_transactions(guarded, module)
    return sessionmaker(bind=guarded, class_=GuardedSession, info=info, **options)
