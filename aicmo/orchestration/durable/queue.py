"""The journeys' queue: journeys submitted now and run later by `aicmo worker` processes.

The queue lives where the journeys' checkpoints live (SQLite: the file beside the application's;
PostgreSQL: schema ``dbos`` of the same database), so every worker of one database takes from
one queue, and a journey queued there carries everything it needs (its request names the
database, the output folder, the routes and the pinned seed).

A journey is queued under the id `submit.next_journey_id` derives from the intake, and the
engine keeps one workflow per id: submitting an intake again while its journey is queued or
running adds nothing (the same journey is found and named).
"""
from __future__ import annotations

from typing import Any, Optional

__all__ = ["JOURNEY_QUEUE", "POLLING_SECONDS", "enqueue_journey", "register_journey_queue"]

JOURNEY_QUEUE = "journeys"
# how often a worker looks for a queued journey: a journey takes a fraction of a second, and a
# worker that took one waits for the next poll before it takes another
POLLING_SECONDS = 0.1


def enqueue_journey(journey_id: str, request: dict[str, Any]) -> Optional[str]:
    """Queue the journey ``journey_id`` (engine launched); the status it already had, None when it is new.

    A journey already queued, running or left unfinished keeps its place and its request: the
    engine attaches to the existing workflow instead of adding one.
    """
    from dbos import DBOS, SetWorkflowID

    from aicmo.orchestration.durable.workflow import client_journey

    before = DBOS.get_workflow_status(journey_id)
    with SetWorkflowID(journey_id):
        DBOS.enqueue_workflow(JOURNEY_QUEUE, client_journey, request)
    return None if before is None else before.status


def register_journey_queue(concurrency: int) -> None:
    """Record the queue with its per-worker limit (engine launched): each worker runs at most ``concurrency`` journeys at once.

    The limit is a setting of the queue, kept in the database: the worker started last sets
    it for every worker of the database.
    """
    from dbos import DBOS

    DBOS.register_queue(
        JOURNEY_QUEUE, worker_concurrency=concurrency, polling_interval_sec=POLLING_SECONDS, on_conflict="always_update"
    )
