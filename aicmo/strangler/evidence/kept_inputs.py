"""The inputs of matched shadow calls kept to be replayed: once per distinct input, a bounded number per module.

A match stores only its fingerprint (0008); replaying it needs its inputs and legacy's answer.
Keeping them for every match would undo that compaction, so each distinct input (by the call's
fingerprint) is kept once, and a module keeps at most `KEPT_PER_MODULE` of them. The shadow
runner asks `KeptInputs.wants` before it serialises anything: an input this process has already
sent, or a module already full, costs a set lookup; only a new input pays for its serialisation.

The rows are written after their batch's comparisons, in a transaction of their own: a kept
input that cannot be written is only a call that cannot be replayed, never lost evidence.
"""
from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

import attrs
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from aicmo.strangler.evidence.tables import KeptInputRow

if TYPE_CHECKING:
    from sqlalchemy.orm import sessionmaker

__all__ = ["KEPT_PER_MODULE", "KeptInput", "KeptInputs", "write_kept_inputs"]

log = logging.getLogger(__name__)

# enough distinct inputs to show a fix holds across the calls a module sees, small beside the comparisons
KEPT_PER_MODULE = 500


class KeptInputs:
    """Which inputs one recorder's process has kept (or found no room for), per module."""

    def __init__(self, limit: int = KEPT_PER_MODULE) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._seen: dict[str, set[str]] = {}
        self._full: set[str] = set()

    def wants(self, module: str, fingerprint: str) -> bool:
        """Whether to keep this input: new to this process, and room left as far as it knows."""
        with self._lock:
            if module in self._full:
                return False
            seen = self._seen.setdefault(module, set())
            if fingerprint in seen:
                return False
            if len(seen) >= self.limit:  # this process alone sent enough: memory stays bounded too
                self._full.add(module)
                return False
            seen.add(fingerprint)
            return True

    def full(self, module: str) -> None:
        with self._lock:
            self._full.add(module)


@attrs.frozen
class KeptInput:
    """One input waiting in the batch, and whose process to tell when its module is full."""

    row: dict[str, Any]  # the table's columns
    kept: KeptInputs


def _insert_ignoring_kept(dialect: str) -> Any:
    """An insert that leaves an input another process kept first as it is."""
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    return insert(KeptInputRow.__table__).on_conflict_do_nothing(index_elements=["module", "fingerprint"])


def write_kept_inputs(sessions: "sessionmaker", waiting: list[KeptInput]) -> int:
    """Write what fits under each module's bound; how many were offered. Never raises."""
    by_module: dict[str, list[KeptInput]] = {}
    for one in waiting:
        by_module.setdefault(one.row["module"], []).append(one)
    try:
        with sessions.begin() as session:
            statement = _insert_ignoring_kept(session.get_bind().dialect.name)
            for module, inputs in by_module.items():
                stored = session.scalar(select(func.count()).select_from(KeptInputRow).where(KeptInputRow.module == module))
                room = inputs[0].kept.limit - int(stored or 0)
                if room <= len(inputs):
                    for one in inputs:
                        one.kept.full(module)
                if room > 0:
                    session.execute(statement, [one.row for one in inputs[:room]])
    except Exception as exc:  # only Exception: see comparison_batch.py
        log.warning("shadow: %d kept inputs could not be written, those calls cannot be replayed (%s)", len(waiting),
                    type(exc).__name__)
        return 0
    return len(waiting)
