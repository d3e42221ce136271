"""Strategy's own tables, on strategy's own declarative Base, each registered as owned by strategy (rule 5).

The plan, its status and the decisions live here; the project row's strategy_text and
strategy_status are only the legacy view (acl/strategy/legacy_view_sync.py). No foreign key
leaves the module: the client is referenced by id only.
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from aicmo.shared.persistence.inbox import InboxRow
from aicmo.shared.persistence.keyed_answers import KeyedAnswerRow
from aicmo.shared.persistence.metadata import owner_metadata
from aicmo.shared.persistence.outbox import OutboxRow
from aicmo.shared.persistence.ownership import register_table
from aicmo.shared.persistence.types import UtcDateTime

__all__ = ["StrategyBase", "StrategyCommandRow", "StrategyDecisionRow", "StrategyInboxRow", "StrategyOutboxRow", "StrategyRow"]

# literal calls, so the static ownership check sees the owner without importing this file
register_table("strategy_strategies", "strategy")
register_table("strategy_decisions", "strategy")
register_table("strategy_commands", "strategy")
register_table("strategy_outbox", "strategy")
register_table("strategy_inbox", "strategy")


class StrategyBase(DeclarativeBase):
    """The metadata of strategy's tables only, in the `strategy` schema; never the legacy Base."""

    metadata = owner_metadata("strategy")


class StrategyRow(StrategyBase):
    """A client's strategy: one per client, its id the client's (as the legacy adapter has it)."""

    __tablename__ = "strategy_strategies"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    # the project's name when drafted: the heading of the rendered plan
    project_name: Mapped[str] = mapped_column(Text)
    brief: Mapped[str] = mapped_column(Text)
    plan: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    # the status and plan before the last change: a legacy view still holding them missed that change's sync
    previous_status: Mapped[Optional[str]] = mapped_column(String(20), nullable=True)
    previous_plan: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    # counts every change (draft, decision, absorbed legacy write): names the absorbed messages
    revision: Mapped[int] = mapped_column(Integer)
    # the project's creation, which legacy reports as the strategy's
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class StrategyDecisionRow(StrategyBase):
    """One approval or rejection, in the order they were taken."""

    __tablename__ = "strategy_decisions"

    strategy_id: Mapped[str] = mapped_column(ForeignKey("strategy.strategy_strategies.id"), primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    decision: Mapped[str] = mapped_column(String(20))
    reason: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime)
    project_note: Mapped[str] = mapped_column(Text)


class StrategyCommandRow(KeyedAnswerRow, StrategyBase):
    """A keyed command's first answer, the Strategy DTO: a redraft or a later decision must not change a replayed answer."""

    __tablename__ = "strategy_commands"


class StrategyOutboxRow(OutboxRow, StrategyBase):
    """An integration event strategy raised, written in the transaction that caused it; the relay publishes it."""

    __tablename__ = "strategy_outbox"


class StrategyInboxRow(InboxRow, StrategyBase):
    """Legacy writes to the view that strategy absorbed, each once (see acl/strategy/legacy_view_sync.py)."""

    __tablename__ = "strategy_inbox"
