"""Idempotency keys for one run: a run token plus the step.

The token is random (never uuid4, which reproducible runs seed), or the durable journey's id, so
a journey continued after a crash hands every port the keys the first process handed it.
"""
from __future__ import annotations

import secrets
from typing import Optional

__all__ = ["RunKeys"]


class RunKeys:
    """``keys("qc:0")`` gives the key of that step in this run."""

    def __init__(self, flow: str, token: Optional[str] = None) -> None:
        self._prefix = f"{flow}:{token or secrets.token_hex(8)}"

    def __call__(self, step: str) -> str:
        return f"{self._prefix}:{step}"
