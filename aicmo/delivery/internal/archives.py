"""Where the zips go: written beside nothing else's, moved aside when withdrawn.

`FolderArchives` writes the real files. A zip is first written under a name of its own in the
target folder, then renamed over its final name, so a reader never meets half a zip; the final
name holds the project's id, so the rename can only ever replace this project's own earlier
package, never another client's. `UnwrittenArchives` is what a rolled-back shadow run gets:
it builds the same bytes and writes none, since a file on disk is a side effect no database
rollback undoes.
"""
from __future__ import annotations

import os
from typing import Protocol

__all__ = ["Archives", "FolderArchives", "UnwrittenArchives", "aside_path"]


def aside_path(path: str, package_id: str) -> str:
    """Where a withdrawn package's zip is kept."""
    return f"{path}.{package_id}.withdrawn"


class Archives(Protocol):
    def write(self, path: str, data: bytes) -> None: ...

    def move_aside(self, path: str, aside: str) -> None: ...


class FolderArchives:
    """The zips as files on the local file system."""

    def write(self, path: str, data: bytes) -> None:
        folder = os.path.dirname(path)
        if folder:
            os.makedirs(folder, exist_ok=True)
        partial = f"{path}.{os.getpid()}.partial"
        with open(partial, "wb") as handle:
            handle.write(data)
        os.replace(partial, path)  # atomic on one file system: the old bytes or the new, never half

    def move_aside(self, path: str, aside: str) -> None:
        if os.path.exists(path):
            os.replace(path, aside)


class UnwrittenArchives:
    """Writes nothing: the shadow candidate's archives."""

    def write(self, path: str, data: bytes) -> None:
        return None

    def move_aside(self, path: str, aside: str) -> None:
        return None
