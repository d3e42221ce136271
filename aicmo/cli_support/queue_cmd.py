"""`aicmo run --queue`: the journey is queued for `aicmo worker` instead of run here; its id is printed and the command returns.

The request is written with the output folder and an SQLite file made absolute: a worker
started in another folder writes the packages and reads the database the submitter named.
"""
from __future__ import annotations

import os
from typing import Any, Optional

from rich.console import Console

from aicmo.cli_support.inputs import InputError

__all__ = ["check_queue_options", "queue_journey"]

err = Console(stderr=True, highlight=False, soft_wrap=True)


def check_queue_options(legacy_flow: bool, json_out: Optional[str], database_url: str) -> None:
    """Refuse what a queued journey cannot do, before anything is written."""
    from sqlalchemy.exc import ArgumentError

    from aicmo.shared.persistence.engines import is_in_memory, normalize_url

    if legacy_flow:
        raise InputError("--queue: the old operator flow (--legacy-flow) runs in the command itself; only a journey can be queued")
    if json_out is not None:
        raise InputError("--json: a queued journey has no result yet; once a worker has run it, `aicmo journeys show ID` reads it")
    try:
        in_memory = is_in_memory(normalize_url(database_url))
    except ArgumentError:
        return  # a malformed URL is named by the database check that follows
    if in_memory:
        raise InputError("--queue: an in-memory database keeps no queue for a worker: name a file or a server with --database-url")


_SAID = {
    None: "queued",
    "ENQUEUED": "is already queued: not queued again",
    "PENDING": "is already running or was left unfinished: not queued again (a worker continues it)",
}


def queue_journey(intake: Any, out_dir: str, database_url: str, routes: dict[str, Any], seed: Optional[str], at: str) -> str:
    """Queue the intake's journey (engine launched) and say so on stderr; its id."""
    from aicmo.orchestration.durable.queue import enqueue_journey
    from aicmo.orchestration.durable.submit import next_journey_id
    from aicmo.orchestration.durable.workflow import journey_request
    from aicmo.shared.persistence.engines import normalize_url

    journey_id = next_journey_id(intake, out_dir)
    request = journey_request(intake, os.path.abspath(out_dir), normalize_url(database_url), routes, seed, at)
    before = enqueue_journey(journey_id, request)
    err.print(f"journey {journey_id} {_SAID.get(before, f'is already {before}: not queued again')}")
    return journey_id
