"""cam's unit of work: one cam-scoped session with the records, the keyed answers and the outbox."""
from __future__ import annotations

from aicmo.cam.internal.repository import CamRepository
from aicmo.cam.internal.tables import CamCommandRow, CamOutboxRow
from aicmo.shared.persistence.keyed_answers import KeyedAnswers
from aicmo.shared.persistence.outbox import Outbox
from aicmo.shared.persistence.unit_of_work import UnitOfWork

__all__ = ["CamUnitOfWork"]


class CamUnitOfWork(UnitOfWork):
    """`with uow:` … `uow.commit()`; records, answers and events land together or not at all."""

    records: CamRepository
    answers: KeyedAnswers[CamCommandRow]
    outbox: Outbox[CamOutboxRow]

    def _opened(self) -> None:
        self.records = CamRepository(self.session)
        self.answers = KeyedAnswers(self.session, CamCommandRow)
        self.outbox = Outbox(self.session, CamOutboxRow)
