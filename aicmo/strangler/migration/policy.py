"""What a route change is checked against besides the state machine: the promotion policy.

Built by the command from the composition root (which modules have a new implementation),
the configured gate settings and the running code's commit; a library caller builds one too,
so no route change can skip these rules by leaving an argument out.
"""
from __future__ import annotations

from typing import Optional

import attrs

from aicmo.strangler.evidence.gate import DEFAULT_MIN_COMPARISONS

__all__ = ["PromotionPolicy"]


@attrs.frozen
class PromotionPolicy:
    # the modules with a new implementation: only they may leave legacy (shadow would run nothing)
    implemented: frozenset[str] = attrs.field(converter=frozenset)
    # shadow comparisons the shadow -> new gate needs, since the module entered shadow
    min_comparisons: int = DEFAULT_MIN_COMPARISONS
    # the commit being promoted: the gate accepts suite runs recorded at it only
    commit: Optional[str] = None
