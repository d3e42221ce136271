"""How far an acquisition run has got, said after each committed batch.

By default one line on stderr, "N of M leads committed to campaign C", as every run has
said it; for a file of more than ``LINES`` batches, about ``LINES`` such lines in all (the
last always), so a log of a huge run is not a line per batch. `aicmo acquire` on a terminal
installs a progress bar instead, for the run it starts in this process (``reporting_to``).
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator, Optional

__all__ = ["LINES", "AfterBatch", "reporter", "reporting_to"]

AfterBatch = Callable[[int, int, str], None]
LINES = 100

_installed: Optional[AfterBatch] = None  # one command per process: a plain global, seen by the engine's threads too


class _Lines:
    """Line messages, thinned to about ``LINES`` for a long run: each report whose share of the file crosses the next step."""

    def __init__(self) -> None:
        self._next = 0

    def __call__(self, done: int, total: int, campaign_id: str) -> None:
        if done < self._next and done < total:
            return
        self._next = done + max(1, total // LINES)
        sys.stderr.write(f"{done} of {total} leads committed to campaign {campaign_id}\n")


def reporter() -> AfterBatch:
    """What the run calls after each batch: the installed progress bar, else line messages."""
    return _installed if _installed is not None else _Lines()


@contextmanager
def reporting_to(report: AfterBatch) -> Iterator[None]:
    global _installed
    previous, _installed = _installed, report
    try:
        yield
    finally:
        _installed = previous
