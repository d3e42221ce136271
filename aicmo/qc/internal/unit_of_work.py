"""QC's unit of work: one qc-scoped session with the results repository and the outbox."""
from __future__ import annotations

from aicmo.qc.internal.repository import QcResultRepository
from aicmo.qc.internal.tables import QcOutboxRow
from aicmo.shared.persistence.outbox import Outbox
from aicmo.shared.persistence.unit_of_work import UnitOfWork

__all__ = ["QcUnitOfWork"]


class QcUnitOfWork(UnitOfWork):
    """`with uow:` … `uow.commit()`; results and events land together or not at all."""

    results: QcResultRepository
    outbox: Outbox[QcOutboxRow]

    def _opened(self) -> None:
        self.results = QcResultRepository(self.session)
        self.outbox = Outbox(self.session, QcOutboxRow)
