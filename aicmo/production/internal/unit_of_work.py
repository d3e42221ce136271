"""Production's unit of work: one production-scoped session with the sets, the keyed answers and the outbox."""
from __future__ import annotations

from aicmo.production.internal.repository import CreativeSetRepository
from aicmo.production.internal.tables import ProductionCommandRow, ProductionOutboxRow
from aicmo.shared.persistence.keyed_answers import KeyedAnswers
from aicmo.shared.persistence.outbox import Outbox
from aicmo.shared.persistence.unit_of_work import UnitOfWork

__all__ = ["ProductionUnitOfWork"]


class ProductionUnitOfWork(UnitOfWork):
    """`with uow:` … `uow.commit()`; creatives, answers and events land together or not at all."""

    sets: CreativeSetRepository
    answers: KeyedAnswers[ProductionCommandRow]
    outbox: Outbox[ProductionOutboxRow]

    def _opened(self) -> None:
        self.sets = CreativeSetRepository(self.session)
        self.answers = KeyedAnswers(self.session, ProductionCommandRow)
        self.outbox = Outbox(self.session, ProductionOutboxRow)
