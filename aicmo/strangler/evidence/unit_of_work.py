"""The end of a unit of work, for shadow evidence: the comparisons it buffered are written then.

A unit of work is one run of a runner over one bundle of routed ports (a client journey, an
acquisition run); its runner is decorated with `flushes_comparisons`, so the comparisons its
shadow calls left in the process's batch are written when it returns or raises. Importing this
costs nothing: when the batch module was never imported, no comparison can be waiting.
"""
from __future__ import annotations

import functools
import sys
from typing import Any, Callable, TypeVar

__all__ = ["flushes_comparisons"]

_BATCH = "aicmo.strangler.evidence.comparison_batch"

Run = TypeVar("Run", bound=Callable[..., Any])


def flushes_comparisons(run: Run) -> Run:
    """`run`, then the process's waiting comparisons written, whether it returned or raised (never raising itself)."""
    @functools.wraps(run)
    def unit_of_work(*args: Any, **kwargs: Any) -> Any:
        try:
            return run(*args, **kwargs)
        finally:
            batch = sys.modules.get(_BATCH)
            if batch is not None:
                batch.flush_comparisons()
    return unit_of_work  # type: ignore[return-value]
