"""The contract error an adapter raises when legacy data (or a DTO) cannot be translated."""
from __future__ import annotations

from aicmo.shared.errors import ContractError

__all__ = ["TranslationError"]


class TranslationError(ContractError):
    """A value that does not fit the other side; ``details["field"]`` names the field."""

    code = "translation_error"
