"""The fingerprint of a request, kept beside its idempotency key.

A repeated key with the same request is a replay (the first answer is returned); with another
request it is a conflict, which only a fingerprint of the whole request can tell.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel
from pydantic_core import to_jsonable_python

__all__ = ["request_fingerprint", "value_fingerprint"]


def request_fingerprint(request: BaseModel) -> str:
    """sha256 of the request's canonical JSON."""
    return hashlib.sha256(request.model_dump_json().encode("utf-8")).hexdigest()


def value_fingerprint(value: Any) -> str:
    """sha256 of any request's canonical JSON: DTOs, ids, tuples of them, plain values."""
    canonical = json.dumps(to_jsonable_python(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
