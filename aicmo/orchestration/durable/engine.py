"""The process's workflow engine (DBOS Transact), launched on the system database of one application database.

Each process gets an executor id of its own, so launching never picks up the pending journeys
of another process: a journey left pending by a crash is continued on purpose, by
`aicmo journeys resume ID`, by submitting the same intake again or by an `aicmo worker` (whose
work that is), never as a side effect of an unrelated command (which could exit half-way
through it). For the same reason only a worker takes journeys from the queue.
Read-only commands read the records through a client instead (`records.py`), which neither
migrates nor recovers anything.
"""
from __future__ import annotations

import logging
import os
import secrets
import socket
import sqlite3
import sys
from contextlib import closing, contextmanager
from typing import Any, Iterator, Optional, Sequence

from aicmo.orchestration.durable.system_database import SYSTEM_SCHEMA, system_database_url
from aicmo.shared.persistence.engines import safe_url
from aicmo.shared.persistence.sqlite_durability import keep

__all__ = ["JOURNEY_APP_VERSION", "EngineUnavailable", "executor_alive", "executor_id", "launched_for", "migrate_system_database", "shut_down"]

# recorded with every journey; a pending journey is continued by code of the same version (3: the
# KEYED_CALLS of ports.py are no longer steps, after the PLAIN_CALLS in 2: a journey's steps are numbered otherwise)
JOURNEY_APP_VERSION = "aicmo-journey-3"

_launched_on: Optional[str] = None  # the application database URL the engine runs for
_system_url = ""  # and its system database URL
_listening: tuple[str, ...] = ()  # the queues it takes workflows from


class _CurrentStderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is at the time: the engine outlives a captured stderr (tests, CliRunner)."""

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def _engine_logs_to_stderr() -> None:
    """Warnings and errors only (info lines would mix into the journey's output), on the current stderr.

    The engine adds its own console handler only when its logger has none.
    """
    engine_log = logging.getLogger("dbos")
    engine_log.setLevel(logging.WARNING)
    if not any(isinstance(h, _CurrentStderr) for h in engine_log.handlers):
        engine_log.handlers = [_CurrentStderr()]
        engine_log.propagate = False


def launched_for(database_url: str, queues: Sequence[str] = ()) -> str:
    """Launch the engine for ``database_url`` (once per database and process); its system database URL.

    It takes queued workflows only from ``queues`` (a worker's): an engine listens to every queue
    of its database unless told otherwise, and a command that runs one journey must not take
    queued ones and exit half-way through them.
    """
    global _launched_on, _system_url, _listening
    from dbos import DBOS

    # importing registers the journey and acquisition workflows with the engine before it launches
    from aicmo.orchestration.durable import acquisition_workflow, workflow  # noqa: F401

    if _launched_on == database_url and _listening == tuple(queues) and not _in_memory(database_url):
        return _system_url
    shut_down()
    _engine_logs_to_stderr()
    url = _system_url = system_database_url(database_url)
    _write_ahead_log(url)
    DBOS(config=_config(url))
    DBOS.listen_queues(list(queues))
    _listening = tuple(queues)
    try:
        with _engine_silent():  # it logs a traceback of its own before raising
            DBOS.launch()
    except Exception as exc:
        DBOS.destroy()
        raise EngineUnavailable(
            f"the journeys' tables in {safe_url(url)} are missing or behind: run `aicmo db upgrade --database-url URL` "
            f"({type(exc).__name__})"
        ) from None
    _launched_on = database_url
    return url


class EngineUnavailable(RuntimeError):
    """The workflow engine cannot start on this database: its tables are missing or behind, or the server is silent."""


@contextmanager
def _engine_silent() -> Iterator[None]:
    engine_log = logging.getLogger("dbos")
    level = engine_log.level
    engine_log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        engine_log.setLevel(level)


def _config(url: str) -> dict[str, Any]:
    return {
        "name": "aicmo",
        "system_database_url": url,
        "dbos_system_schema": SYSTEM_SCHEMA,
        "application_version": JOURNEY_APP_VERSION,
        "executor_id": executor_id(),
        "log_level": "WARNING",
        "run_admin_server": False,
        # an embedded SQLite file is migrated by the command that uses it; a server by `aicmo db upgrade` only
        "run_migrations": url.startswith("sqlite"),
        # how long shutting down waits for the listener thread (its polling interval); a test shuts down after each journey
        "notification_listener_polling_interval_sec": 0.1,
        # an SQLite file cannot drop a connection: no liveness query before each of a step's checkouts
        **({"db_engine_kwargs": {"pool_pre_ping": False}} if url.startswith("sqlite") else {}),
    }


_EXECUTOR_ID = f"aicmo:{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"  # never uuid4: --reproducible seeds it


def executor_id() -> str:
    """This process's executor id: ``aicmo:<host>:<pid>:<token>``, so another process can tell whether it is still alive."""
    return _EXECUTOR_ID


def executor_alive(executor: str | None) -> bool | None:
    """Whether the process behind an executor id still runs: None when it cannot be told (another host, another kind of id).

    A process id can be reused by an unrelated process; that reads as alive, so a journey is
    then waited for rather than run twice.
    """
    parts = (executor or "").split(":")
    if len(parts) != 4 or parts[0] != "aicmo" or parts[1] != socket.gethostname() or not parts[2].isdigit():
        return None
    if parts[2] == str(os.getpid()):
        return executor == _EXECUTOR_ID
    try:
        os.kill(int(parts[2]), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write_ahead_log(url: str) -> None:
    """An SQLite system database in WAL mode (the file keeps it): readers (`aicmo journeys list`) never block the
    running journey, and a checkpoint is one append to the log rather than a rollback journal's several syncs."""
    if not url.startswith("sqlite:///"):
        return
    with closing(sqlite3.connect(url[len("sqlite:///"):], timeout=30)) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
    # and the engine's connections synced as the application's are (AICMO_SQLITE_SYNCHRONOUS)
    keep(url[len("sqlite:///"):])


def _in_memory(database_url: str) -> bool:
    from aicmo.shared.persistence.engines import is_in_memory, normalize_url

    return is_in_memory(normalize_url(database_url))


def migrate_system_database(database_url: str) -> str:
    """Create or bring up to date the engine's tables for ``database_url`` (`aicmo db upgrade`); what was done."""
    from dbos import DBOS

    url = system_database_url(database_url)
    _write_ahead_log(url)
    DBOS.migrate(url, schema=SYSTEM_SCHEMA)
    return f"journeys ({SYSTEM_SCHEMA}): up to date"


def shut_down() -> None:
    """Stop the engine if it runs (another database next, or the end of a test)."""
    global _launched_on
    if _launched_on is None:
        return
    from dbos import DBOS

    DBOS.destroy()
    _launched_on = None
