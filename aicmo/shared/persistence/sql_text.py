"""Which table a textual SQL write names, as the static ownership check reads string literals.

Kept free of SQLAlchemy so the static check (and the CLI that loads it) starts fast. The
runtime guard does not use it: it parses each statement that reaches a connection
(sql_writes.py), which a pattern cannot do reliably.
"""
from __future__ import annotations

import re

__all__ = ["TEXT_WRITE"]

# group 1 is the table of INSERT INTO / UPDATE / DELETE FROM; identifiers may be quoted
TEXT_WRITE = re.compile(r"\b(?:insert\s+(?:or\s+\w+\s+)?into|update|delete\s+from)\s+[\"'`\[]?(\w+)", re.IGNORECASE)
