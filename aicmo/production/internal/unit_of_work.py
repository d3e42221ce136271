"""Production's unit of work: one production-scoped session with the sets, the command log, outbox and inbox."""
from __future__ import annotations

from aicmo.production.internal.commands import CommandLog
from aicmo.production.internal.repository import CreativeSetRepository
from aicmo.production.internal.tables import ProductionOutboxRow
from aicmo.shared.persistence.outbox import Outbox
from aicmo.shared.persistence.unit_of_work import UnitOfWork

__all__ = ["ProductionUnitOfWork"]


class ProductionUnitOfWork(UnitOfWork):
    """`with uow:` … `uow.commit()`; creatives, answers and events land together or not at all."""

    sets: CreativeSetRepository
    commands: CommandLog
    outbox: Outbox[ProductionOutboxRow]

    def _opened(self) -> None:
        self.sets = CreativeSetRepository(self.session)
        self.commands = CommandLog(self.session)
        self.outbox = Outbox(self.session, ProductionOutboxRow)
