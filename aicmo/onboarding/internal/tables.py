"""Onboarding's tables, in the `onboarding` schema: projects, their changes, outbox and inbox."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from aicmo.shared.persistence.inbox import InboxRow
from aicmo.shared.persistence.metadata import owner_metadata
from aicmo.shared.persistence.outbox import OutboxRow
from aicmo.shared.persistence.ownership import register_table
from aicmo.shared.persistence.types import UtcDateTime

__all__ = ["OnboardingBase", "OnboardingInboxRow", "OnboardingOutboxRow", "ProjectChangeRow", "ProjectRow"]

# literal calls, so the static ownership check sees the owner without importing this file
register_table("onboarding_projects", "onboarding")
register_table("onboarding_project_changes", "onboarding")
register_table("onboarding_outbox", "onboarding")
register_table("onboarding_inbox", "onboarding")


class OnboardingBase(DeclarativeBase):
    """The metadata of onboarding's tables only, in the `onboarding` schema; never the legacy Base."""

    metadata = owner_metadata("onboarding")


class ProjectRow(OnboardingBase):
    """A client project as it stands."""

    __tablename__ = "onboarding_projects"

    client_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(40))
    pack: Mapped[str] = mapped_column(String(40))
    intake: Mapped[str] = mapped_column(Text)  # the ClientIntake DTO's JSON
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[Optional[datetime]] = mapped_column(UtcDateTime, nullable=True)
    # the number of the latest change (0: none yet); a change row carries each number
    version: Mapped[int] = mapped_column(Integer)
    # the latest change the legacy view is known to hold (-1: not written yet): until it
    # catches up, a view still showing the values before the last command is a lost sync
    view_version: Mapped[int] = mapped_column(Integer)
    # the strategy's status as the project's own moves and stamps told it (see project.py)
    strategy_status_seen: Mapped[Optional[str]] = mapped_column(String(20), nullable=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    # a repeat of the key with another intake is a conflict, not a replay
    request_fingerprint: Mapped[str] = mapped_column(String(64))
    # reproducible runs: the seeded ids drawn when it was created, so a replay goes on after them
    ids_drawn: Mapped[Optional[int]] = mapped_column(Integer, nullable=True)


class ProjectChangeRow(OnboardingBase):
    """One change of a project: a command's (with its key) or a legacy writer's value taken in.

    The values before the change tell a lost legacy-view sync (the view still shows them)
    from a legacy write; the values after it answer a replayed command.
    """

    __tablename__ = "onboarding_project_changes"
    # keys are per command, as callers use them: the same key may name an advance and a note
    __table_args__ = (UniqueConstraint("kind", "idempotency_key"),)

    client_id: Mapped[str] = mapped_column(ForeignKey("onboarding.onboarding_projects.client_id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    state_before: Mapped[str] = mapped_column(String(40))
    state_after: Mapped[str] = mapped_column(String(40))
    description_before: Mapped[str] = mapped_column(Text)
    description_after: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    idempotency_key: Mapped[Optional[str]] = mapped_column(String(200), nullable=True)
    request_fingerprint: Mapped[Optional[str]] = mapped_column(String(64), nullable=True)
    # reproducible runs: the seeded ids drawn when the command ran, so its replay in a continued
    # run goes on after them (the journey's later steps then mint an uninterrupted run's ids)
    ids_drawn: Mapped[Optional[int]] = mapped_column(Integer, nullable=True)


class OnboardingOutboxRow(OutboxRow, OnboardingBase):
    """An integration event onboarding raised, written in the transaction that caused it."""

    __tablename__ = "onboarding_outbox"


class OnboardingInboxRow(InboxRow, OnboardingBase):
    """Each legacy write taken in from the project row once, however many callers saw it."""

    __tablename__ = "onboarding_inbox"
