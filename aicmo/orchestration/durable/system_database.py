"""Where the workflow engine keeps its checkpoints, derived from the application's database URL.

SQLite: a file beside the application's (``aicmo.db`` -> ``aicmo.dbos.db``), so copying or deleting
the folder moves both together, and the engine's writes never wait on the application's lock.
An in-memory application database is new for each command: its journeys get a new temporary
file each time, removed when the process ends (an in-memory SQLite database is private to one
connection, and the engine reads it from its own threads).
PostgreSQL: the same database, in the engine's own schema (``dbos``), as every owner of tables
has its own schema there; one database to back up and to grant, and workers on other machines
find the queue where they find the application's tables.
"""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from aicmo.shared.persistence.engines import is_in_memory, normalize_url, sqlite_file

__all__ = ["SYSTEM_SCHEMA", "system_database_url"]

SYSTEM_SCHEMA = "dbos"

def _beside(path: str) -> str:
    file = Path(path)
    return str(file.with_name(f"{file.stem}.dbos{file.suffix or '.db'}"))


def _temporary() -> str:
    folder = tempfile.mkdtemp(prefix="aicmo-journeys-")
    atexit.register(shutil.rmtree, folder, True)
    return f"sqlite:///{os.path.join(folder, 'journeys.dbos.db')}"


def system_database_url(database_url: str) -> str:
    """The engine's system database for the application database ``database_url`` (a new one per call when in memory)."""
    url = normalize_url(database_url)
    if url.startswith("sqlite"):
        path = sqlite_file(url)
        if path is None or is_in_memory(url):
            return _temporary()
        return f"sqlite:///{_beside(path)}"
    return url  # PostgreSQL: same database, schema SYSTEM_SCHEMA
