"""The journey's clock inside a workflow: each reading is a checkpointed step.

The workflow's own code runs again on every replay, so a value it computes must come out the
same each time: a reading of the wall clock would not, and the request built from it (the
retention signals' last engagement) would differ from the one already stored under its
idempotency key. Read through a step, a journey resumed after a crash sees the instant the
first process saw.
"""
from __future__ import annotations

from datetime import datetime

from typing import Optional

from aicmo.orchestration.durable.ports import checkpointed
from aicmo.orchestration.durable.saga import Ledger
from aicmo.shared.clock import Clock, SystemClock

__all__ = ["DurableClock"]

STEP = "clock.now"


class DurableClock:
    def __init__(self, ledger: Optional[Ledger] = None, clock: Clock = SystemClock()) -> None:
        self._ledger, self._clock = ledger, clock

    def now(self) -> datetime:
        return datetime.fromisoformat(checkpointed(STEP, lambda: self._clock.now().isoformat(), self._ledger))
