"""Reporting's unit of work: one reporting-scoped session with the reports, the keyed answers and the outbox."""
from __future__ import annotations

from aicmo.reporting.internal.repository import ReportRepository
from aicmo.reporting.internal.tables import ReportingCommandRow, ReportingOutboxRow
from aicmo.shared.persistence.keyed_answers import KeyedAnswers
from aicmo.shared.persistence.outbox import Outbox
from aicmo.shared.persistence.unit_of_work import UnitOfWork

__all__ = ["ReportingUnitOfWork"]


class ReportingUnitOfWork(UnitOfWork):
    """`with uow:` … `uow.commit()`; a report, its answer and its events land together or not at all."""

    reports: ReportRepository
    answers: KeyedAnswers[ReportingCommandRow]
    outbox: Outbox[ReportingOutboxRow]

    def _opened(self) -> None:
        self.reports = ReportRepository(self.session)
        self.answers = KeyedAnswers(self.session, ReportingCommandRow)
        self.outbox = Outbox(self.session, ReportingOutboxRow)
