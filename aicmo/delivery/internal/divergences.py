"""Where the new delivery knowingly differs from legacy, each with its reason.

The names here are the ones delivery's shadow `explain` may tag a mismatch with; the gate
counts such a mismatch as explained only once the name is also declared in the routes database
(`aicmo migrate diverge delivery NAME --reason ...`, audited).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Optional

__all__ = ["DECLARED_DIVERGENCES", "UNIQUE_PACKAGE_NAME", "explain", "legacy_archive_name"]

UNIQUE_PACKAGE_NAME = "unique_package_name"

DECLARED_DIVERGENCES: Mapping[str, str] = MappingProxyType({
    UNIQUE_PACKAGE_NAME: (
        "the zip is named <brand slug>-<project id>.zip, not <brand slug>.zip (L-21): legacy names it after the "
        "slug alone, so two clients whose names slugify alike (\"A/B Corp\" and \"a-b corp\", or any two unnamed "
        "clients, \"Unknown\") write the same out/<slug>.zip and the later delivery overwrites the earlier "
        "client's package. Every delivery differs in its package's file_name and path (and the file written), "
        "nothing else: the bytes of the zip are legacy's."
    ),
})

# <slug>-<project id>.zip: the project id is a UUID
_UNIQUE = re.compile(r"^(?P<slug>.*)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.zip$")


def legacy_archive_name(name: str) -> Optional[str]:
    """The name legacy gives the archive this implementation named ``name``; None for another name."""
    match = _UNIQUE.match(name)
    return f"{match.group('slug')}.zip" if match else None


def _renamed(diff: dict[str, Any]) -> bool:
    """A file_name or path that is legacy's with the project id added before .zip."""
    legacy, new = diff.get("legacy"), diff.get("new")
    if not (isinstance(legacy, str) and isinstance(new, str)):
        return False
    head, tail = new.rsplit("/", 1) if "/" in new else ("", new)
    renamed = legacy_archive_name(tail)
    return renamed is not None and legacy == (f"{head}/{renamed}" if head else renamed)


def explain(diffs: list[dict[str, Any]]) -> Optional[str]:
    """The declared divergence accounting for every field diff of one comparison, if one does."""
    if diffs and all(d["path"] in ("file_name", "path") and _renamed(d) for d in diffs):
        return UNIQUE_PACKAGE_NAME
    return None
