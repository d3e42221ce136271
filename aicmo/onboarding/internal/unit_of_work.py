"""Onboarding's unit of work: one onboarding-scoped session with the projects, the outbox and the inbox."""
from __future__ import annotations

from datetime import datetime

from aicmo.onboarding.internal.repository import ProjectRepository
from aicmo.onboarding.internal.tables import OnboardingInboxRow, OnboardingOutboxRow
from aicmo.shared.persistence.outbox import Outbox
from aicmo.shared.persistence.unit_of_work import UnitOfWork

__all__ = ["OnboardingUnitOfWork"]


class OnboardingUnitOfWork(UnitOfWork):
    """`with uow:` … `uow.commit()`; a project's change and its events land together or not at all."""

    projects: ProjectRepository
    outbox: Outbox[OnboardingOutboxRow]

    def _opened(self) -> None:
        self.projects = ProjectRepository(self.session)
        self.outbox = Outbox(self.session, OnboardingOutboxRow)

    def seen(self, subscriber: str, message_id: str, at: datetime) -> bool:
        """Whether the inbox holds the message already; if not, it is recorded, to commit with its effect."""
        if self.session.get(OnboardingInboxRow, (subscriber, message_id)) is not None:
            return True
        self.session.add(OnboardingInboxRow(subscriber=subscriber, event_id=message_id, received_at=at))
        return False
