"""Times read back from the cam tables, with the instant and the UTC offset legacy reports.

Legacy keeps a reply's own offset in two times: the reply's ``received_at`` and, for an auto
reply or an out-of-office reply, the lead's ``next_action_at`` (received_at + 3 or 7 days,
L-39). The legacy flow reports those values from memory, offset included
(``2026-01-22T11:02:13+01:00``). What the tables give back depends on the database:

- SQLite stores the clock time and drops the offset: the value comes back naive, and only
  the caller that handed legacy the aware time still knows which offset it was in.
- PostgreSQL (timestamptz) stores the instant and gives it back aware, in the session's
  time zone.

The same holds for a next action legacy computes from a caller's ``now`` that is not in UTC.
So the adapter remembers, per lead, the aware next action legacy set during one of its calls
(``NextActionMemory``: a reply's follow-up, or a planned next action), and ``restore`` gives a
stored value back as that remembered time when both are the same moment. Everything else
legacy writes comes from its UTC clock, so a naive value without a remembered time is UTC,
and an aware one is given in UTC. On SQLite, a reply's follow-up time read by an adapter
instance that did not process the reply cannot be recovered: the offset is in no column
legacy writes, so it then comes back as the clock time labelled UTC (PostgreSQL keeps the
instant, so there the fallback is the right instant, in UTC).
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

__all__ = ["NextActionMemory", "restore", "utc_instant"]


def utc_instant(stored: Optional[dt.datetime]) -> Optional[dt.datetime]:
    """A stored time as an instant in UTC: naive SQLite values are UTC clock times."""
    if stored is None:
        return None
    if stored.tzinfo is None:
        return stored.replace(tzinfo=dt.timezone.utc)
    return stored.astimezone(dt.timezone.utc)


def _same_moment(stored: dt.datetime, known: dt.datetime) -> bool:
    if stored.tzinfo is None:  # SQLite: the clock time legacy was handed, its offset dropped
        return stored == known.replace(tzinfo=None)
    return stored == known  # aware (PostgreSQL, or the object still in memory): the same instant


def restore(stored: Optional[dt.datetime], known: Optional[dt.datetime]) -> Optional[dt.datetime]:
    """``stored`` as legacy reports it: ``known`` (same instant, same offset) when it is that moment, else UTC."""
    if stored is None:
        return None
    if known is not None and _same_moment(stored, known):
        return known
    return utc_instant(stored)


class NextActionMemory:
    """The next actions legacy set during this adapter's calls, as legacy set them (see the module doc).

    One entry per lead, kept for the adapter's life (one unit of work: the composition root
    builds the ports per run), replaced when legacy sets the lead's next action again, as its
    own assignment replaces the old value. Only a committed port call is remembered.
    """

    def __init__(self) -> None:
        self._set: dict[str, dt.datetime] = {}

    def remember(self, lead_id: str, moment: Optional[dt.datetime]) -> None:
        if moment is not None:
            self._set[str(lead_id)] = moment

    def next_action_at(self, lead_id: str, stored: Optional[dt.datetime]) -> Optional[dt.datetime]:
        return restore(stored, self._set.get(str(lead_id)))
