"""A journey worker: this process takes queued journeys of one database and runs them (engine launched, listening).

The engine does the taking: its queue thread claims a queued journey for this process's
executor id in one transaction (so two workers never take the same one) and runs it on its
own threads. This loop watches: it reads, from the records, the journeys this executor has
claimed and reports each once as started, finished or failed; it gives journeys left running
by a process that has died on this machine back to the queue; and it decides when to stop.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Optional

from aicmo.orchestration.durable.engine import executor_alive, executor_id
from aicmo.orchestration.durable.workflow import JOURNEY_WORKFLOW

__all__ = ["JourneyEvent", "WorkerRun", "continue_orphans", "run_worker", "stop_taking_journeys"]

WATCH_SECONDS = 0.1  # how often the records are read: a progress line comes at most this late
ORPHANS_EVERY = 20  # watches between two looks for journeys of dead processes (2 s)
# a look reads the journeys this executor took in this window: wide enough for a clock that is
# not the server's (the server stamps when a journey was taken)
RECENT_SECONDS = 120


@dataclass(frozen=True)
class JourneyEvent:
    """One line of progress: ``kind`` is started, finished, failed or continued (a dead process's journey requeued)."""

    kind: str
    journey_id: str
    detail: str = ""


@dataclass
class WorkerRun:
    started: int = 0
    finished: int = 0
    failed: int = 0
    left_pending: list[str] = field(default_factory=list)  # running when the worker was stopped


def _brand(status: Any) -> str:
    arguments = (status.input or {}).get("args") or ({},)
    first = arguments[0] if arguments else {}
    return str(first.get("intake", {}).get("brand_name", "")) if isinstance(first, dict) else ""


def _queue_empty() -> bool:
    """No journey waits to be taken: on the journeys' queue, nor on the engine's own (where `aicmo journeys resume`
    and the recovery of a dead process's journey put them)."""
    from dbos import DBOS

    waiting = DBOS.list_workflows(status="ENQUEUED", name=JOURNEY_WORKFLOW, limit=1, load_input=False, load_output=False)
    return not waiting


def continue_orphans(report: Callable[[JourneyEvent], None]) -> int:
    """Give the journeys left running by dead processes of this machine back to the queue; how many.

    The engine's recovery requeues a journey only while it is still running under one of the
    executors named dead, in one statement, so two workers that find the same orphan at once
    requeue it once, and a journey another worker has taken meanwhile is left alone. (It is
    the engine's recovery entry point; its name marks it internal, hence this one caller.)
    """
    from dbos import DBOS

    pending = DBOS.list_workflows(status="PENDING", name=JOURNEY_WORKFLOW, load_input=False, load_output=False)
    left_by = {s.workflow_id: s.executor_id for s in pending if executor_alive(s.executor_id) is False}
    if not left_by:
        return 0
    requeued = DBOS._recover_pending_workflows(sorted(set(left_by.values())))
    for handle in requeued:
        journey_id = handle.get_workflow_id()
        report(JourneyEvent("continued", journey_id, f"left running by {left_by.get(journey_id, 'a stopped process')}"))
    return len(requeued)


def stop_taking_journeys() -> None:
    """Stop the engine's queue thread (the journeys it runs go on): what the engine does first when it shuts down.

    The engine has no public switch for it; its stop events are the ones its own shutdown sets.
    """
    from dbos._dbos import _get_dbos_instance

    for event in _get_dbos_instance().background_thread_stop_events:
        event.set()


def run_worker(
    stop: threading.Event,
    report: Callable[[JourneyEvent], None],
    until_idle: bool = False,
    max_journeys: Optional[int] = None,
    grace_seconds: float = 10.0,
) -> WorkerRun:
    """Watch this worker's journeys until ``stop`` is set, the queue is empty (``until_idle``) or it has taken
    ``max_journeys``; then stop taking journeys and wait for those it runs (after ``stop``, ``grace_seconds`` at most:
    the ones still running then are left pending, for the next worker to continue)."""
    run, watch = WorkerRun(), _Watch()
    taking, stopped_at, watches = True, None, 0
    continue_orphans(report)
    while True:
        running = watch.look(run, report)
        if stop.is_set() and stopped_at is None:
            stopped_at = _now()
        if taking and (stop.is_set() or (max_journeys is not None and run.started >= max_journeys)):
            stop_taking_journeys()
            taking = False
        elif taking and until_idle and not running and _queue_empty() and not continue_orphans(report):
            # a journey claimed between the look and the queue's check is running now: the next look finds it
            stop_taking_journeys()
            taking = False
            continue
        if not taking and not running:
            return run
        if stopped_at is not None and _now() - stopped_at >= grace_seconds:
            run.left_pending = sorted(running)
            return run
        watches += 1
        if taking and watches % ORPHANS_EVERY == 0:
            continue_orphans(report)
        if stop.is_set():
            _sleep(WATCH_SECONDS)
        else:
            stop.wait(WATCH_SECONDS)


class _Watch:
    """What this executor's journeys were at the last look, to report each change once."""

    def __init__(self) -> None:
        self.running: set[str] = set()
        self.reported: set[str] = set()  # started, and finished or failed

    def look(self, run: WorkerRun, report: Callable[[JourneyEvent], None]) -> set[str]:
        """Report what changed among this executor's journeys since the last look; the ids still running.

        A journey may be claimed and done between two looks, so each look reads the journeys
        this executor took lately (whatever their status) and those it saw running before.
        """
        from dbos import DBOS

        lately = datetime.fromtimestamp(time.time() - RECENT_SECONDS, tz=timezone.utc).isoformat()
        found = {s.workflow_id: s for s in DBOS.list_workflows(
            executor_id=executor_id(), name=JOURNEY_WORKFLOW, dequeued_after=lately, load_input=False, load_output=False)}
        earlier = sorted(self.running - set(found))
        if earlier:
            found.update((s.workflow_id, s) for s in DBOS.list_workflows(workflow_ids=earlier, load_input=False, load_output=False))
        new = sorted(i for i in found if i not in self.running and i not in self.reported)
        # the brand of each journey new to this worker (its input is read once)
        brands = {s.workflow_id: _brand(s) for s in DBOS.list_workflows(workflow_ids=new, load_output=False)} if new else {}
        running = set()
        for journey_id, status in sorted(found.items()):
            if journey_id in self.reported:
                continue
            if journey_id in new:
                run.started += 1
                report(JourneyEvent("started", journey_id, brands.get(journey_id, "")))
            if status.status == "PENDING" and status.executor_id == executor_id():
                running.add(journey_id)
            elif status.status == "SUCCESS":
                run.finished += 1
                self.reported.add(journey_id)
                report(JourneyEvent("finished", journey_id))
            elif status.status in ("ERROR", "CANCELLED", "MAX_RECOVERY_ATTEMPTS_EXCEEDED"):
                run.failed += 1
                self.reported.add(journey_id)
                error = "" if status.error is None else f": {type(status.error).__name__}: {status.error}"
                report(JourneyEvent("failed", journey_id, f"{status.status}{error}"))
            # otherwise it went back to a queue (resumed, or requeued): no longer this worker's
        self.running = running
        return running


def _now() -> float:
    return time.monotonic()


def _sleep(seconds: float) -> None:
    time.sleep(seconds)
