"""The error base of every contract: modules raise subclasses, callers catch by category."""
from __future__ import annotations

from typing import Any, ClassVar

__all__ = ["Conflict", "ContractError", "IdempotencyConflict", "NotFound", "RuleViolation"]


class ContractError(Exception):
    """An error that is part of a module's contract; ``code`` is stable, the message is for people."""

    code: ClassVar[str] = "contract_error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class NotFound(ContractError):
    """The id names nothing this module holds."""

    code = "not_found"


class Conflict(ContractError):
    """The command clashes with the current state."""

    code = "conflict"


class IdempotencyConflict(Conflict):
    """The idempotency key was used before for a different request."""

    code = "idempotency_conflict"


class RuleViolation(ContractError):
    """A business rule refuses the command."""

    code = "rule_violation"
