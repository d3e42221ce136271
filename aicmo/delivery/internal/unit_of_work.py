"""Delivery's unit of work: one delivery-scoped session with the packages, the keyed answers and the outbox."""
from __future__ import annotations

from aicmo.delivery.internal.repository import PackageRepository
from aicmo.delivery.internal.tables import DeliveryCommandRow, DeliveryOutboxRow
from aicmo.shared.persistence.keyed_answers import KeyedAnswers
from aicmo.shared.persistence.outbox import Outbox
from aicmo.shared.persistence.unit_of_work import UnitOfWork

__all__ = ["DeliveryUnitOfWork"]


class DeliveryUnitOfWork(UnitOfWork):
    """`with uow:` … `uow.commit()`; packages, answers and events land together or not at all."""

    packages: PackageRepository
    answers: KeyedAnswers[DeliveryCommandRow]
    outbox: Outbox[DeliveryOutboxRow]

    def _opened(self) -> None:
        self.packages = PackageRepository(self.session)
        self.answers = KeyedAnswers(self.session, DeliveryCommandRow)
        self.outbox = Outbox(self.session, DeliveryOutboxRow)
