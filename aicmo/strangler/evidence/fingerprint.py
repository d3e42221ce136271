"""The fingerprint of a shadow call's inputs: what a matched comparison keeps instead of the inputs.

Two calls with equal inputs (as they would be serialised) get the same fingerprint, so matched
comparisons can still be counted per distinct input; the inputs themselves are kept only for
mismatches and candidate faults, the comparisons someone will want to replay.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

__all__ = ["FINGERPRINT_CHARS", "fingerprint"]

FINGERPRINT_CHARS = 32  # 128 bits of BLAKE2b, as hex: the column's width


def fingerprint(inputs: Any) -> str:
    """BLAKE2b of the inputs' canonical JSON (keys sorted, no spaces); `inputs` is JSON-like data."""
    canonical = json.dumps(inputs, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=True)
    return hashlib.blake2b(canonical.encode("utf-8"), digest_size=FINGERPRINT_CHARS // 2).hexdigest()
