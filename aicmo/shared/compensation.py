"""What a compensation reports: the contract type every module's undo method returns.

A saga compensates the steps it completed, in reverse order, and may compensate one whose
effect was lost in a crash, or compensate twice when it crashes while compensating. So a
compensation never fails for those reasons: it says what it found and what it changed.
"""
from __future__ import annotations

from enum import Enum

from aicmo.shared.dto import ContractModel, NonEmptyStr

__all__ = ["Compensation", "CompensationStatus"]


class CompensationStatus(str, Enum):
    """What a compensation found."""

    COMPENSATED = "COMPENSATED"
    """The effect was there and is now undone or marked; a repeat of the same key says so again."""
    ALREADY_COMPENSATED = "ALREADY_COMPENSATED"
    """An earlier compensation had undone it: nothing changed."""
    NOTHING_TO_COMPENSATE = "NOTHING_TO_COMPENSATE"
    """The effect never happened (an unknown id): nothing changed, and that is not an error."""


class Compensation(ContractModel):
    """The outcome of one compensation."""

    action: NonEmptyStr
    """The compensation that ran, e.g. "cancel_project"."""
    target_id: NonEmptyStr
    """The id the caller named (a client, a creative set, a package, a QC result)."""
    status: CompensationStatus
    undone: tuple[str, ...] = ()
    """The ids this compensation undid or marked (empty unless COMPENSATED)."""
    kept: tuple[str, ...] = ()
    """The ids it had to leave as they are, each a fact the business settles by hand (a paid invoice)."""
