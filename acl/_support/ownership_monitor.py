"""The legacy ownership monitor, observe mode: records writes to tables the calling module does not own.

While module M's adapter runs legacy code, every row the legacy session inserts, updates or
deletes in a table whose owner (aicmo.shared.persistence.ownership) is not M is recorded as a
ForeignWrite. Nothing is blocked: the legacy cross-module writes (spec section 11) are the very
evidence the migration must see. The blocking counterpart guards the new modules' sessions.
"""
from __future__ import annotations

import logging
from typing import Any, NamedTuple

from sqlalchemy import event
from sqlalchemy.orm import Session

from aicmo.shared.persistence.ownership import OwnershipError, owner_of

__all__ = ["MONITOR", "ForeignWrite", "OwnershipMonitor"]

log = logging.getLogger(__name__)


class ForeignWrite(NamedTuple):
    """Module ``module`` wrote ``table``, which another module owns."""

    module: str
    table: str


class OwnershipMonitor:
    """Collects foreign writes of every session it watches."""

    def __init__(self) -> None:
        self._recorded: set[ForeignWrite] = set()

    @property
    def recorded(self) -> frozenset[ForeignWrite]:
        return frozenset(self._recorded)

    def clear(self) -> None:
        self._recorded.clear()

    def watch(self, session: Session, module: str) -> None:
        """Record the foreign writes ``session`` flushes on behalf of ``module``."""
        # one class-level listener filtering on session.info: per-session listeners cost ~60 µs a call
        session.info[_MODULE_KEY] = module
        session.info[_MONITOR_KEY] = self
        _listen_once()

    def _would_add(self, module: str, table: str) -> bool:
        """Whether a write of ``table`` by ``module`` is foreign and not recorded yet."""
        if ForeignWrite(module, table) in self._recorded:
            return False
        try:
            return owner_of(table) != module
        except OwnershipError:
            return True  # _note raises for a table without an owner, as it always has, if the row changed

    def _note(self, module: str, table: str) -> None:
        if owner_of(table) != module:
            write = ForeignWrite(module, table)
            if write not in self._recorded:
                log.debug("legacy ownership: %s wrote %s (owned by %s)", module, table, owner_of(table))
            self._recorded.add(write)


_MODULE_KEY = "acl.ownership.module"
_MONITOR_KEY = "acl.ownership.monitor"
_listening = False


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    module = session.info.get(_MODULE_KEY)
    if module is None:  # not a session an adapter opened
        return
    monitor = session.info[_MONITOR_KEY]
    for obj in (*session.new, *session.deleted):
        monitor._note(module, obj.__table__.name)
    for obj in session.dirty:
        # session.dirty is optimistic: an attribute set to its old value is not a write. Asking
        # costs more than the write's own flush, so it is asked only where the answer would add
        # something: a table the module does not own, not recorded yet
        if monitor._would_add(module, obj.__table__.name) and session.is_modified(obj, include_collections=False):
            monitor._note(module, obj.__table__.name)


def _do_orm_execute(state: Any) -> None:
    module = state.session.info.get(_MODULE_KEY)
    # bulk UPDATE/DELETE statements bypass the unit of work
    if module is not None and (state.is_update or state.is_delete):
        table = getattr(state.statement, "table", None)
        if table is not None:
            state.session.info[_MONITOR_KEY]._note(module, table.name)


def _listen_once() -> None:
    global _listening
    if not _listening:
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "do_orm_execute", _do_orm_execute)
        _listening = True


MONITOR = OwnershipMonitor()
"""The process-wide monitor every adapter's legacy session reports to."""
