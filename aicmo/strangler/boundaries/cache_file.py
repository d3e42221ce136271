"""One cache file: a header naming what wrote it, a checksum, then the payload (marshal).

A file that is missing, truncated, altered, or written by another version of the check, of
grimp or of Python reads as empty, never as data: the checksum covers the header and the
payload, and the header must equal the reader's. Writes go to a temporary file renamed over
the old one, so a reader never sees half a file.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any, Optional

MAGIC = b"aicmo-cache\n"
DIGEST_SIZE = 20


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=DIGEST_SIZE).digest()


def read(path: Path, header: Any) -> Optional[Any]:
    """The payload written with this header, or None (no file, another writer, any damage)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    start = len(MAGIC) + DIGEST_SIZE
    if not data.startswith(MAGIC) or _digest(data[start:]) != data[len(MAGIC):start]:
        return None
    try:
        stored_header, payload = marshal.loads(data[start:])
    except (EOFError, ValueError, TypeError):
        return None
    return payload if stored_header == header else None


def write(path: Path, header: Any, payload: Any) -> None:
    """Best effort: a folder that cannot be written leaves the check uncached, not failed."""
    body = marshal.dumps((header, payload))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(MAGIC + _digest(body) + body)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass
