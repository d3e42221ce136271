"""The base of every model that crosses a module boundary, and the small shared field types."""
from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

__all__ = ["ContractModel", "IdempotencyKey", "NonEmptyStr"]


class ContractModel(BaseModel):
    """Immutable, strict about unknown fields; attribute docstrings become field descriptions."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


NonEmptyStr = Annotated[str, StringConstraints(min_length=1)]
"""A string with at least one character."""

IdempotencyKey = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9._:/@#-]+$")]
"""The caller's key for one command: a repeat with the same key returns the first result."""
