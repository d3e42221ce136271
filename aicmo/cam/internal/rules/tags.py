"""A lead's tags: kept in the order added, each once."""
from __future__ import annotations

__all__ = ["with_tag"]


def with_tag(tags: list[str], tag: str) -> list[str]:
    """The tags with ``tag`` appended unless already there (legacy's add_tag)."""
    return tags if tag in tags else [*tags, tag]
