"""The fingerprint of a shadow call's inputs: what a matched comparison keeps instead of the inputs.

Two calls with equal inputs (as they would be serialised) get the same fingerprint, so matched
comparisons can still be told apart by input; the inputs themselves are kept only for
mismatches and candidate faults, the comparisons someone will want to replay.

`call_fingerprint` is what the shadow runner stores: each argument serialised the cheapest exact
way (a DTO by pydantic's own JSON, in its fields' order; anything else as canonical JSON), under
SHA-256, which the processor computes in hardware: a journey's ~46 KB request is fingerprinted
in tens of microseconds. `fingerprint` is for inputs that are already JSON-like data (a
comparison recorded directly with its inputs). The two are not meant to equal each other.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any, Mapping

from pydantic import BaseModel

__all__ = ["FINGERPRINT_CHARS", "call_fingerprint", "fingerprint"]

FINGERPRINT_CHARS = 32  # 128 bits of SHA-256, as hex: the column's width


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=repr).encode("utf-8")


def fingerprint(inputs: Any) -> str:
    """SHA-256 of JSON-like inputs as canonical JSON (keys sorted, no spaces)."""
    return hashlib.sha256(_canonical(inputs)).hexdigest()[:FINGERPRINT_CHARS]


def _serialised(value: Any) -> bytes:
    if isinstance(value, BaseModel):  # its class too: two DTOs of equal fields are still different inputs
        # the serializer's bytes, as model_dump_json makes them before decoding them to a str
        return type(value).__qualname__.encode() + b":" + value.__pydantic_serializer__.to_json(value)
    from aicmo.strangler.dispatch.compare import as_plain  # the comparer's view of anything else

    return _canonical(as_plain(value))


def call_fingerprint(method: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> str:
    """SHA-256 over the method's name and each argument, positional then keyword (by name)."""
    digest = hashlib.sha256(method.encode("utf-8"))
    for value in args:
        digest.update(b"\x00")
        digest.update(_serialised(value))
    for name in sorted(kwargs):
        digest.update(b"\x00" + name.encode("utf-8") + b"=")
        digest.update(_serialised(kwargs[name]))
    return digest.hexdigest()[:FINGERPRINT_CHARS]
