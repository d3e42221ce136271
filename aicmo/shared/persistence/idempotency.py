"""The fingerprint of a request, kept beside its idempotency key.

A repeated key with the same request is a replay (the first answer is returned); with another
request it is a conflict, which only a fingerprint of the whole request can tell.
"""
from __future__ import annotations

import hashlib

from pydantic import BaseModel

__all__ = ["request_fingerprint"]


def request_fingerprint(request: BaseModel) -> str:
    """sha256 of the request's canonical JSON."""
    return hashlib.sha256(request.model_dump_json().encode("utf-8")).hexdigest()
