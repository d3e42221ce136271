"""Billing's unit of work: one billing-scoped session with the invoices, the keyed answers and the outbox."""
from __future__ import annotations

from aicmo.billing.internal.repository import InvoiceRepository
from aicmo.billing.internal.tables import BillingCommandRow, BillingOutboxRow
from aicmo.shared.persistence.keyed_answers import KeyedAnswers
from aicmo.shared.persistence.outbox import Outbox
from aicmo.shared.persistence.unit_of_work import UnitOfWork

__all__ = ["BillingUnitOfWork"]


class BillingUnitOfWork(UnitOfWork):
    """`with uow:` … `uow.commit()`; invoices, answers and events land together or not at all."""

    invoices: InvoiceRepository
    answers: KeyedAnswers[BillingCommandRow]
    outbox: Outbox[BillingOutboxRow]

    def _opened(self) -> None:
        self.invoices = InvoiceRepository(self.session)
        self.answers = KeyedAnswers(self.session, BillingCommandRow)
        self.outbox = Outbox(self.session, BillingOutboxRow)
