"""Reading the recorded journeys of a database, without launching the engine (nothing is created or recovered).

The acquisition runs are workflows too, listed beside the client journeys (their ids start with
``acquisition-``, their brand is the campaign's name), so a run left pending by a crash shows
and resumes the same way.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Optional

from aicmo.orchestration.durable.acquisition_workflow import ACQUISITION_WORKFLOW
from aicmo.orchestration.durable.carried import expand
from aicmo.orchestration.durable.system_database import SYSTEM_SCHEMA, system_database_url
from aicmo.orchestration.durable.workflow import CANCEL_SUFFIX, CANCELLATION_WORKFLOW, JOURNEY_WORKFLOW
from aicmo.shared.persistence.engines import is_in_memory, normalize_url

__all__ = ["STATUSES", "JourneyRecord", "JourneyStep", "NoJourneys", "journey", "journeys"]

WORKFLOWS = [JOURNEY_WORKFLOW, ACQUISITION_WORKFLOW]
STATUSES = ("PENDING", "ENQUEUED", "SUCCESS", "ERROR", "CANCELLED", "MAX_RECOVERY_ATTEMPTS_EXCEEDED")


class NoJourneys(LookupError):
    """The database keeps no journeys (in memory), or the journey asked for is not there."""


@dataclass(frozen=True)
class JourneyStep:
    number: int
    name: str
    started_ms: Optional[int]
    completed_ms: Optional[int]
    output: Any
    error: Optional[str]


@dataclass(frozen=True)
class JourneyRecord:
    journey_id: str
    status: str
    brand: str
    created_ms: Optional[int]
    updated_ms: Optional[int]
    error: Optional[str]
    executor: Optional[str] = None  # the process that ran it last
    steps: tuple[JourneyStep, ...] = ()
    cancelled: bool = False  # an operator called it off (`aicmo journeys cancel`); its compensations follow its steps
    kind: str = JOURNEY_WORKFLOW  # the workflow: a client journey or an acquisition run


def _client(database_url: str) -> Optional[Any]:
    """A client on the system database, or None when no journey was ever recorded there."""
    from dbos import DBOSClient
    from sqlalchemy import create_engine, inspect

    url = normalize_url(database_url)
    if is_in_memory(url):
        raise NoJourneys("an in-memory database keeps no journeys: name a file or a server with --database-url")
    system = system_database_url(url)
    if system.startswith("sqlite:///"):
        if not os.path.exists(system[len("sqlite:///"):]):
            return None
    else:
        engine = create_engine(system)
        try:
            if not inspect(engine).has_table("workflow_status", schema=SYSTEM_SCHEMA):
                return None
        finally:
            engine.dispose()
    return DBOSClient(system_database_url=system, dbos_system_schema=SYSTEM_SCHEMA)


def _brand(status: Any) -> str:
    """A journey's brand, or an acquisition's campaign name."""
    arguments = (status.input or {}).get("args") or ({},)
    if not arguments or not isinstance(arguments[0], dict):
        return ""
    request = arguments[0]
    return str(request.get("intake", {}).get("brand_name") or request.get("campaign", {}).get("name") or "")


def _record(status: Any, steps: tuple[JourneyStep, ...] = (), cancelled: bool = False, error: Any = None) -> JourneyRecord:
    error = status.error if error is None else error
    return JourneyRecord(
        journey_id=status.workflow_id, status=status.status, brand=_brand(status), created_ms=status.created_at,
        updated_ms=status.updated_at, error=None if error is None else f"{type(error).__name__}: {error}",
        executor=status.executor_id, steps=steps, cancelled=cancelled, kind=status.name or JOURNEY_WORKFLOW,
    )


def journeys(database_url: str, status: Optional[str] = None) -> list[JourneyRecord]:
    """Every journey of the database (of that status), oldest first."""
    client = _client(database_url)
    if client is None:
        return []
    try:
        found = client.list_workflows(name=WORKFLOWS, status=status, load_output=False)
        cancelled = {c.workflow_id.removesuffix(CANCEL_SUFFIX) for c in client.list_workflows(
            name=CANCELLATION_WORKFLOW, load_input=False, load_output=False)}
        # results are left unread (a journey's is its whole output); the failed ones' errors are read apart
        errors = {f.workflow_id: f.error for f in client.list_workflows(name=WORKFLOWS, status="ERROR", load_input=False)
                  } if status in (None, "ERROR") else {}
        return [_record(s, cancelled=s.workflow_id in cancelled, error=errors.get(s.workflow_id)) for s in found]
    finally:
        client.destroy()


def _steps(client: Any, workflow_id: str, prefix: str, first: int = 0) -> tuple[JourneyStep, ...]:
    """The workflow's calls in order: each step, after the keyed calls its checkpoint carried (`carried.py`), numbered."""
    calls = []
    for s in client.list_workflow_steps(workflow_id):
        *carried, step = expand(s["function_name"], s["output"], s["started_at_epoch_ms"], s["completed_at_epoch_ms"])
        calls += [(call, None) for call in carried]
        calls.append((step, None if s["error"] is None else f"{type(s['error']).__name__}: {s['error']}"))
    return tuple(
        JourneyStep(number=first + number, name=prefix + call.name, started_ms=call.started_ms,
                    completed_ms=call.completed_ms, output=call.output, error=error)
        for number, (call, error) in enumerate(calls, start=1)
    )


def journey(database_url: str, journey_id: str) -> JourneyRecord:
    """One journey with its steps (their results and timings); NoJourneys when it is not there."""
    client = _client(database_url)
    if client is None:
        raise NoJourneys(f"no journey {journey_id} in this database (it has recorded none)")
    try:
        found = client.list_workflows(workflow_ids=[journey_id], name=WORKFLOWS, load_output=True)
        if not found:
            raise NoJourneys(f"no journey {journey_id} in this database")
        steps = _steps(client, journey_id, "")
        cancellation = client.list_workflows(workflow_ids=[journey_id + CANCEL_SUFFIX], name=CANCELLATION_WORKFLOW,
                                             load_input=False, load_output=False)
        if cancellation:
            steps += _steps(client, journey_id + CANCEL_SUFFIX, "cancel: ", first=len(steps))
        return _record(found[0], steps, cancelled=bool(cancellation))
    finally:
        client.destroy()
