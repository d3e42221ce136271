"""Retention's unit of work: one retention-scoped session with the assessments, the keyed answers and the outbox."""
from __future__ import annotations

from aicmo.retention.internal.repository import AssessmentRepository
from aicmo.retention.internal.tables import RetentionCommandRow, RetentionOutboxRow
from aicmo.shared.persistence.keyed_answers import KeyedAnswers
from aicmo.shared.persistence.outbox import Outbox
from aicmo.shared.persistence.unit_of_work import UnitOfWork

__all__ = ["RetentionUnitOfWork"]


class RetentionUnitOfWork(UnitOfWork):
    """`with uow:` … `uow.commit()`; assessments, answers and events land together or not at all."""

    assessments: AssessmentRepository
    answers: KeyedAnswers[RetentionCommandRow]
    outbox: Outbox[RetentionOutboxRow]

    def _opened(self) -> None:
        self.assessments = AssessmentRepository(self.session)
        self.answers = KeyedAnswers(self.session, RetentionCommandRow)
        self.outbox = Outbox(self.session, RetentionOutboxRow)
