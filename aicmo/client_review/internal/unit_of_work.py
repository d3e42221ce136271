"""Client review's unit of work: one client_review-scoped session with the packages, the keyed answers and the outbox."""
from __future__ import annotations

from aicmo.client_review.internal.repository import ReviewRepository
from aicmo.client_review.internal.tables import ClientReviewCommandRow, ClientReviewOutboxRow
from aicmo.shared.persistence.keyed_answers import KeyedAnswers
from aicmo.shared.persistence.outbox import Outbox
from aicmo.shared.persistence.unit_of_work import UnitOfWork

__all__ = ["ClientReviewUnitOfWork"]


class ClientReviewUnitOfWork(UnitOfWork):
    """`with uow:` … `uow.commit()`; packages, creatives, answers and events land together or not at all."""

    reviews: ReviewRepository
    answers: KeyedAnswers[ClientReviewCommandRow]
    outbox: Outbox[ClientReviewOutboxRow]

    def _opened(self) -> None:
        self.reviews = ReviewRepository(self.session)
        self.answers = KeyedAnswers(self.session, ClientReviewCommandRow)
        self.outbox = Outbox(self.session, ClientReviewOutboxRow)
