"""`aicmo acquire` as a durable workflow: the run's id on stderr, never in its result."""
from __future__ import annotations

from typing import Any, Callable, Optional

from rich.console import Console

__all__ = ["durable_acquisition"]


def durable_acquisition(
    campaign: Any, leads: Any, replies: Any, batch: bool, batch_size: int, resume: Optional[str], database_url: str,
    routes: dict[str, Any], seed: Optional[str], instant: Any, err_console: Console, json_out: Optional[str] = None,
) -> Callable[[], dict[str, Any]]:
    """The acquisition as a callable that runs (or continues) its workflow; the engine is launched already.

    ``leads`` names the leads file (acl.cam.files.LeadsFile): the workflow reads it batch by
    batch. The workflow pins the clock and ids itself, from the seed it records, so a run
    continued after a crash runs its remaining steps the way it was first asked to. The
    workflow writes the output to ``json_out`` itself; the callable returns the campaign and
    the summary.
    """
    from aicmo.cli_support.acquisition_progress_bar import progress_shown
    from aicmo.orchestration.durable.acquisition_submit import next_acquisition_id, run_or_continue_acquisition
    from aicmo.orchestration.durable.acquisition_output_target import output_to
    from aicmo.orchestration.durable.acquisition_workflow import acquisition_request

    def work() -> dict[str, Any]:
        request = acquisition_request(campaign, leads, replies, batch, batch_size, resume, database_url, routes, seed,
                                      instant.isoformat())
        workflow_id = next_acquisition_id(request)
        err_console.print(f"acquisition {workflow_id}", highlight=False, soft_wrap=True)
        # the output outside the bar: stdout's spool is copied out once the bar has let go of the terminal
        with output_to(workflow_id, json_out), progress_shown(err_console, leads.leads, batch_size):
            return run_or_continue_acquisition(workflow_id, request)

    return work
