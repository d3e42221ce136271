"""Ids for things legacy never stored as rows (a strategy, a QC round, a review).

They are name-based (uuid5), never uuid4: the reproducible mode seeds uuid.uuid4, and one extra
draw would shift every id legacy mints afterwards.
"""
from __future__ import annotations

import uuid
from typing import TypeVar

from aicmo.shared.ids import EntityId

__all__ = ["derived_id"]

_NAMESPACE = uuid.UUID("5d0f3c1e-6a43-4c55-9f8e-0a1c2b3d4e5f")

I = TypeVar("I", bound=EntityId)


def derived_id(kind: type[I], *parts: object) -> I:
    """The same parts always give the same id of that kind."""
    return kind(str(uuid.uuid5(_NAMESPACE, kind.__name__ + ":" + ":".join(str(p) for p in parts))))
