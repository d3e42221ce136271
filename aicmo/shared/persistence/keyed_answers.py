"""A module's keyed answers: a command called again under its idempotency key answers as it first did.

Every keyed command of a new implementation keeps its first answer, as JSON, in a table of its
own module (``<module>_commands``), written in the command's own transaction: its effect and
its answer commit together or not at all, so a repeat in this process or in one started after a
crash either finds the answer or finds no effect to repeat. The same key with another request
(told apart by the request's fingerprint, persistence/idempotency.py) is an IdempotencyConflict,
worded as the anti-corruption adapters word it, so callers see one error on either path.

A reproducible run (aicmo.shared.seeded_uuid) mints its ids from one seeded sequence. A replay
draws none of the ids its first call drew, so the answer keeps how many had been drawn when it
was recorded, and a replay skips the sequence there: what runs after it mints what an
uninterrupted run mints, not those ids again.

A module declares its table with the mixin on its own Base
(``class ProductionCommandRow(KeyedAnswerRow, ProductionBase)``) and reaches it through
`KeyedAnswers` in its unit of work. Keys kept elsewhere (onboarding keeps them on its project
and change rows, the anti-corruption adapters in the strangler's idempotency records) are
checked and replayed through `accept_replay`, so every path conflicts and skips ids alike.
"""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Generic, Optional, TypeVar

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from aicmo.shared.errors import IdempotencyConflict
from aicmo.shared.persistence.conflicts import serialize_on
from aicmo.shared.persistence.types import UtcDateTime
from aicmo.shared.seeded_uuid import skip_ids_to

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["KeyedAnswerRow", "KeyedAnswers", "accept_replay"]


class KeyedAnswerRow:
    """The columns of a keyed-answers table: one row per (method, key), the first call's answer."""

    # keys are per command, as callers use them: one key may name a draft and an approval
    method: Mapped[str] = mapped_column(String(40), primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    # a repeat of the key with another request is a conflict, not a replay
    request_fingerprint: Mapped[str] = mapped_column(String(64))
    # the port's answer as JSON: later changes of the record must not change what a replay answers
    answer: Mapped[str] = mapped_column(Text)
    # in a reproducible run, the seeded ids drawn when the command ran; None outside one
    ids_drawn: Mapped[Optional[int]] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


def accept_replay(method: str, idempotency_key: str, fingerprint: str, stored_fingerprint: str,
                  stored_ids_drawn: Optional[int]) -> None:
    """Accept a repeat of ``idempotency_key`` as a replay of what was stored under it, or refuse it.

    For keys kept anywhere (a keyed-answers table, or a module's own rows that carry them):
    another request under the key is an IdempotencyConflict; the same request continues a
    reproducible run after the ids its first call had seen drawn.
    """
    if stored_fingerprint != fingerprint:
        raise IdempotencyConflict(f"{method}: key {idempotency_key!r} was used for another request", key=idempotency_key)
    skip_ids_to(stored_ids_drawn)


R = TypeVar("R", bound=KeyedAnswerRow)


class KeyedAnswers(Generic[R]):
    """One module's keyed-answers table on one session; the unit of work commits."""

    def __init__(self, session: Session, row: type[R]) -> None:
        self._session, self._row = session, row

    def replay(self, method: str, idempotency_key: str, fingerprint: str) -> Optional[str]:
        """The first call's answer (JSON) under this key, None when there was none; IdempotencyConflict for another request.

        The key is held until this transaction ends (on PostgreSQL; SQLite's writing
        transactions hold the whole database): a second caller with the same key waits for the
        first to commit and then replays or conflicts, instead of both running the command and
        the later one meeting the primary key. A look taken before asking a slow provider, in a
        short transaction of its own, likewise waits for a first call under way and replays it.
        """
        serialize_on(self._session, self._row.__tablename__, f"{method}:{idempotency_key}")
        row = self._session.get(self._row, (method, idempotency_key))
        if row is None:
            return None
        accept_replay(method, idempotency_key, fingerprint, row.request_fingerprint, row.ids_drawn)
        return row.answer

    def record(self, method: str, idempotency_key: str, fingerprint: str, answer_json: str,
               ids_drawn: Optional[int], created_at: datetime) -> None:
        """Keep the answer beside the command's effect, in its transaction.

        Flushed at once: a caller that did not look first (`replay`) meets the primary key
        here, and its whole unit of work rolls back, effect included, never half of it.
        """
        self._session.add(self._row(method=method, idempotency_key=idempotency_key, request_fingerprint=fingerprint,
                                    answer=answer_json, ids_drawn=ids_drawn, created_at=created_at))
        self._session.flush()
