"""Starting and continuing journeys: one journey per intake and output folder until it has finished.

The id is derived from the intake and the output folder, plus the number of journeys of that
intake that have already finished (succeeded, failed or cancelled). So submitting an intake
again while its journey is unfinished (pending after a crash) continues that journey instead
of starting a second one beside it; once it has finished, the same intake starts the next
journey (a second engagement, as a second `aicmo demo` always was).
"""
from __future__ import annotations

import os
from typing import Any

from aicmo.cli_support.inputs import canonical_json
from aicmo.orchestration.durable.engine import executor_alive
from aicmo.orchestration.durable.workflow import CANCEL_SUFFIX, JOURNEY_WORKFLOW
from aicmo.shared.ids import CorrelationId, derived_id

__all__ = [
    "FINISHED", "UNFINISHED", "JourneyNotFound", "JourneyNotResumable", "cancel_journey", "next_journey_id", "resume_journey",
    "run_journey",
]

FINISHED = ("SUCCESS", "ERROR", "CANCELLED", "MAX_RECOVERY_ATTEMPTS_EXCEEDED")
UNFINISHED = ("PENDING", "ENQUEUED")

class JourneyNotFound(LookupError):
    """No journey has that id in this database."""


class JourneyNotResumable(RuntimeError):
    """The journey has finished (nothing to continue), or the process running it is alive."""


def _family(intake: Any, out_dir: str) -> str:
    # derived, never drawn: --reproducible seeds uuid4, and the same submission must find the same id
    correlation = derived_id(CorrelationId, "journey", canonical_json(intake.model_dump(mode="json")), os.path.abspath(out_dir))
    return f"journey-{correlation}"


def next_journey_id(intake: Any, out_dir: str) -> str:
    """The id the next submission of this intake runs under: the unfinished journey's, or a new one (engine launched)."""
    from dbos import DBOS

    family = _family(intake, out_dir)
    finished = DBOS.list_workflows(
        workflow_id_prefix=f"{family}-", name=JOURNEY_WORKFLOW, status=list(FINISHED), load_input=False, load_output=False
    )
    return f"{family}-{len(finished)}"


def run_journey(journey_id: str, request: dict[str, Any]) -> dict[str, Any]:
    """Run the journey ``journey_id``, or continue it when a crashed process left it unfinished (engine launched).

    When the process running it is alive (the same intake submitted twice at once), its
    result is waited for: the journey runs once.
    """
    from dbos import DBOS, SetWorkflowID

    from aicmo.orchestration.durable.workflow import client_journey

    status = DBOS.get_workflow_status(journey_id)
    if status is not None and status.status in UNFINISHED and executor_alive(status.executor_id) is not True:
        return DBOS.resume_workflow(journey_id).get_result()
    with SetWorkflowID(journey_id):
        return client_journey(request)


def resume_journey(journey_id: str) -> dict[str, Any]:
    """Continue a journey left unfinished (by a crash, or cancelled) from its last completed step; its output (engine launched).

    Refused while the process that runs it is alive on this machine: two processes would run
    its remaining steps twice. A journey of another machine's process is the operator's call.
    """
    from dbos import DBOS

    status = DBOS.get_workflow_status(journey_id)
    if status is None:
        raise JourneyNotFound(f"no journey {journey_id} in this database")
    if status.status not in UNFINISHED:
        raise JourneyNotResumable(f"journey {journey_id} has already finished ({status.status}): nothing to resume")
    if executor_alive(status.executor_id):
        raise JourneyNotResumable(f"journey {journey_id} is running in a live process ({status.executor_id}): not resumed")
    return DBOS.resume_workflow(journey_id).get_result()


def cancel_journey(journey_id: str) -> list[dict[str, Any]]:
    """Stop a journey for good and compensate every step it completed, the invoices included (engine launched).

    An unfinished journey is marked CANCELLED first, so nothing continues it; a finished one
    keeps its status and is undone all the same (an engagement called off after delivery). The
    compensations run as a workflow of their own, ``<id>-cancel``: cancelling twice, or again
    after a crash while cancelling, compensates once. Refused while the process that runs the
    journey is alive on this machine: it could complete a step after its compensations ran.
    """
    from dbos import DBOS, SetWorkflowID

    from aicmo.orchestration.durable.workflow import journey_cancellation

    status = DBOS.get_workflow_status(journey_id)
    if status is None or status.name != JOURNEY_WORKFLOW:
        raise JourneyNotFound(f"no journey {journey_id} in this database")
    if status.status == "PENDING" and executor_alive(status.executor_id):
        raise JourneyNotResumable(f"journey {journey_id} is running in a live process ({status.executor_id}): stop it first")
    if status.status in UNFINISHED:
        DBOS.cancel_workflow(journey_id)
    with SetWorkflowID(journey_id + CANCEL_SUFFIX):
        return journey_cancellation(journey_id)
