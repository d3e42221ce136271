"""Strategy's unit of work: one strategy-scoped session with the repository, the keyed answers and the outbox."""
from __future__ import annotations

from aicmo.shared.persistence.keyed_answers import KeyedAnswers
from aicmo.shared.persistence.outbox import Outbox
from aicmo.shared.persistence.unit_of_work import UnitOfWork
from aicmo.strategy.internal.repository import StrategyRepository
from aicmo.strategy.internal.tables import StrategyCommandRow, StrategyOutboxRow

__all__ = ["StrategyUnitOfWork"]


class StrategyUnitOfWork(UnitOfWork):
    """`with uow:` … `uow.commit()`; the strategy, its keyed answer and its events land together or not at all."""

    strategies: StrategyRepository
    answers: KeyedAnswers[StrategyCommandRow]
    outbox: Outbox[StrategyOutboxRow]

    def _opened(self) -> None:
        self.strategies = StrategyRepository(self.session)
        self.answers = KeyedAnswers(self.session, StrategyCommandRow)
        self.outbox = Outbox(self.session, StrategyOutboxRow)
