"""Production's contract errors."""
from __future__ import annotations

from aicmo.shared.errors import NotFound

__all__ = ["CreativeNotInSet", "CreativeSetNotFound"]


class CreativeSetNotFound(NotFound):
    """No creative set with that id."""

    code = "creative_set_not_found"


class CreativeNotInSet(NotFound):
    """A creative id that is not part of the set."""

    code = "creative_not_in_set"
