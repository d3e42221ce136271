"""Idempotency keys for one run: a random run token (never uuid4, which reproducible runs seed) plus the step."""
from __future__ import annotations

import secrets

__all__ = ["RunKeys"]


class RunKeys:
    """``keys("qc:0")`` gives the key of that step in this run."""

    def __init__(self, flow: str) -> None:
        self._prefix = f"{flow}:{secrets.token_hex(8)}"

    def __call__(self, step: str) -> str:
        return f"{self._prefix}:{step}"
