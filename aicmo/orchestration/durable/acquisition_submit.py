"""Starting and continuing acquisition runs: one run per input until it has finished.

The id is derived from what the run is asked (the leads file's bytes, not where it lies; the replies, the campaign's
settings, --batch, --batch-size and --resume), plus the number of runs of that input that
have already finished. So the same command again while its run is unfinished (pending after a
crash) continues that run, in the campaign it created, instead of starting a second campaign;
once it has finished, the same input starts the next run, a new campaign, as it always did.
The database is not part of the id: each database keeps its own workflows. Nor is the seed of
--reproducible (it counts the database's projects, which the interrupted run has changed):
the continued run uses the one its first process recorded.
"""
from __future__ import annotations

from typing import Any

from aicmo.cli_support.inputs import canonical_json
from aicmo.orchestration.durable.engine import executor_alive
from aicmo.orchestration.durable.submit import FINISHED, UNFINISHED
from aicmo.shared.ids import CorrelationId, derived_id

__all__ = ["IDENTITY", "next_acquisition_id", "run_or_continue_acquisition"]

IDENTITY = ("campaign", "leads_file", "replies", "batch", "batch_size", "resume")


def _family(request: dict[str, Any]) -> str:
    # derived, never drawn: --reproducible seeds uuid4, and the same submission must find the same id
    asked = {field: request[field] for field in IDENTITY}
    asked["leads_file"] = {key: value for key, value in asked["leads_file"].items() if key != "path"}
    material = canonical_json(asked)
    return f"acquisition-{derived_id(CorrelationId, 'acquisition', material)}"


def next_acquisition_id(request: dict[str, Any]) -> str:
    """The id the next submission of this request runs under: the unfinished run's, or a new one (engine launched)."""
    from dbos import DBOS

    family = _family(request)
    finished = DBOS.list_workflows(workflow_id_prefix=f"{family}-", status=list(FINISHED), load_input=False, load_output=False)
    return f"{family}-{len(finished)}"


def run_or_continue_acquisition(workflow_id: str, request: dict[str, Any]) -> dict[str, Any]:
    """Run ``workflow_id``, or continue it from its last checkpoint when a crashed process left it unfinished.

    When the process running it is alive (the same input submitted twice at once), its result
    is waited for: the run happens once.
    """
    from dbos import DBOS, SetWorkflowID

    from aicmo.orchestration.durable.acquisition_workflow import acquisition_run

    status = DBOS.get_workflow_status(workflow_id)
    if status is not None and status.status in UNFINISHED and executor_alive(status.executor_id) is not True:
        return DBOS.resume_workflow(workflow_id).get_result()
    with SetWorkflowID(workflow_id):
        return acquisition_run(request)
