"""Money: exact decimal amounts and currency codes, never floats.

The legacy stores floats rounded with ``round(x, 2)`` (Q-14); a float handed to an Amount is
read through its shortest repr, so 15125.0 becomes Decimal("15125.0"), not a binary artefact.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field, StringConstraints

from aicmo.shared.dto import ContractModel

__all__ = ["Amount", "CurrencyCode", "Money", "Ratio", "SignedAmount"]

Amount = Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]
"""A non-negative, finite decimal amount of money."""

SignedAmount = Annotated[Decimal, Field(allow_inf_nan=False)]
"""A finite decimal that may be negative (a difference between two amounts)."""

Ratio = Annotated[Decimal, Field(ge=0, le=1, allow_inf_nan=False)]
"""A share between 0 and 1 (a tax rate, a payment share)."""

CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
"""An ISO 4217 currency code in upper case, e.g. USD."""


class Money(ContractModel):
    """An amount in a currency."""

    amount: Amount
    """The amount, exact, never negative."""
    currency: CurrencyCode
    """The ISO 4217 code, e.g. USD."""
