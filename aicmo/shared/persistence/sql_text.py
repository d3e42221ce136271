"""Which table a textual SQL write names; shared by the runtime guard and the static check.

Kept free of SQLAlchemy so the static check (and the CLI that loads it) starts fast.
"""
from __future__ import annotations

import re

__all__ = ["TEXT_WRITE"]

# group 1 is the table of INSERT INTO / UPDATE / DELETE FROM; identifiers may be quoted
TEXT_WRITE = re.compile(r"\b(?:insert\s+(?:or\s+\w+\s+)?into|update|delete\s+from)\s+[\"'`\[]?(\w+)", re.IGNORECASE)
