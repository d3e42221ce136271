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

from aicmo.shared.persistence.connection_guard import guard_bind, unguard
from aicmo.shared.persistence.guard import MODULE_KEY, check_tables, install_guard
from aicmo.shared.persistence.module_roles import stop_taking_roles, take_role_in_transactions
from aicmo.shared.persistence.ownership import MODULES

__all__ = ["GuardedSession", "module_sessionmaker", "release_connection"]


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

    On an engine the factory is made once per module and settings and kept on the engine (a new
    implementation is built for every unit of work; its guarded engine, listeners and session
    class need not be): asked again, the same factory, with the same guard, is given back.
    """
    if module not in MODULES:
        raise ValueError(f"unknown module '{module}'; modules are {', '.join(MODULES)}")
    key = _factory_key(module, bind, database_role, options)
    if key is not None:
        kept: dict[Any, sessionmaker] = bind.__dict__.setdefault(_FACTORIES, {})
        factory = kept.get(key)
        if factory is None:
            factory = kept[key] = _make(module, bind, database_role, options)
        return factory
    return _make(module, bind, database_role, options)


_FACTORIES = "_aicmo_module_sessionmakers"  # on an engine: its modules' session factories, by settings


def _factory_key(module: str, bind: Engine | Connection, database_role: bool, options: dict[str, Any]) -> Any:
    """What tells one engine's factories apart; None when the factory is not to be kept (a
    connection's, or settings that cannot be compared)."""
    if not isinstance(bind, Engine) or "info" in options:
        return None
    try:
        return module, database_role, frozenset(options.items())
    except TypeError:  # an unhashable setting
        return None


def _make(module: str, bind: Engine | Connection, database_role: bool, options: dict[str, Any]) -> sessionmaker:
    options = dict(options)
    info = {**options.pop("info", {}), MODULE_KEY: module}
    options.setdefault("expire_on_commit", False)
    guarded = guard_bind(module, bind)
    if database_role:
        take_role_in_transactions(guarded, module)
    return sessionmaker(bind=guarded, class_=GuardedSession, info=info, **options)


def release_connection(connection: Connection) -> None:
    """A connection bound to a module's sessions (a shadow candidate's) is no module's any more: neither its
    guard nor its role stays on it, for a worker keeps it for the next candidate, which may be another module's."""
    unguard(connection)
    stop_taking_roles(connection)


def implementation_sessions(module: str, bind: Engine | Connection) -> tuple[sessionmaker, bool]:
    """A new implementation's session factory, and whether it runs as a shadow candidate.

    On an engine, the module's guarded sessions, each running as the module's database role. On a
    Connection inside a transaction (a shadow run, rolled back afterwards), the same, but every
    unit of work commits to a savepoint of that transaction, so the caller can roll back
    everything the implementation wrote: the second answer is then True, and the implementation
    must not draw ids legacy already drew (each descriptor says how it names what it makes).
    """
    candidate = isinstance(bind, Connection)
    options = {"join_transaction_mode": "create_savepoint"} if candidate else {}
    return module_sessionmaker(module, bind, database_role=True, **options), candidate
