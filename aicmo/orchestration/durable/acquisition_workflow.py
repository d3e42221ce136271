"""The acquisition run as a DBOS workflow: each batch of leads, the sends, each reply and conversion a step.

The workflow's input is a plain JSON request (the campaign, leads and replies as DTOs, the
batch settings, database, route overrides, the reproducible seed and instant), so a run is
continued after a crash by any process with exactly what the first process was asked. Its
idempotency keys derive from the workflow id, so a step whose effect committed but whose
checkpoint did not gets the first answer back when it runs again. Its result is the run's output.
"""
from __future__ import annotations

import sys
from contextlib import nullcontext
from typing import Any, Optional

from dbos import DBOS

from aicmo.orchestration.durable.sequenced_ports import sequenced_ports

__all__ = ["ACQUISITION_WORKFLOW", "acquisition_request", "acquisition_run"]

ACQUISITION_WORKFLOW = "acquisition_run"


def acquisition_request(
    given: Any, batch: bool, batch_size: int, resume: Optional[str], database_url: str, routes: dict[str, Any],
    seed: Optional[str], at: Optional[str],
) -> dict[str, Any]:
    """What one acquisition run is asked, as JSON (``given``: the files as read, acl.cam.files.AcquisitionInput)."""
    return {
        "campaign": given.campaign.model_dump(mode="json"),
        "leads": [lead.model_dump(mode="json") for lead in given.leads],
        "replies": [reply.model_dump(mode="json") for reply in given.replies],
        "batch": batch,
        "batch_size": batch_size,
        "resume": resume,
        "database_url": database_url,
        "routes": {module: getattr(route, "value", route) for module, route in routes.items()},
        "seed": seed,
        "at": at,
    }


def _committed(done: int, total: int, campaign_id: str) -> None:
    sys.stderr.write(f"{done} of {total} leads committed to campaign {campaign_id}\n")


@DBOS.workflow(name=ACQUISITION_WORKFLOW)
def acquisition_run(request: dict[str, Any]) -> dict[str, Any]:
    from aicmo.cam.api import AcquisitionCampaign, CampaignId, InboundReply, LeadProfile
    from aicmo.cli_support.reproducible import parse_instant, reproducible
    from aicmo.orchestration import bootstrap
    from aicmo.orchestration.acquisition import run_acquisition
    from aicmo.orchestration.acquisition_output import acquisition_output
    from aicmo.orchestration.keys import RunKeys
    from aicmo.orchestration.port_wiring import parse_route_options

    leads = tuple(LeadProfile.model_validate(lead) for lead in request["leads"])
    replies = tuple(InboundReply.model_validate(reply) for reply in request["replies"])
    routes = parse_route_options([f"{m}={r}" for m, r in request["routes"].items()], bootstrap.NEW_IMPLEMENTATIONS)
    seed, batch_size = request["seed"], request["batch_size"]
    pinned = reproducible(seed, parse_instant(request["at"])) if seed is not None else nullcontext()
    # wired before the clock is pinned: wiring imports the legacy adapters, whose models would take the pinned clock's
    # stand-in date class for their fields (a process resuming the run has not imported them yet)
    ports = sequenced_ports(bootstrap.routed_ports(request["database_url"], routes))
    with pinned:
        outcome = run_acquisition(
            ports,
            AcquisitionCampaign.model_validate(request["campaign"]), leads, replies, batch=request["batch"],
            batch_size=batch_size, resume=None if request["resume"] is None else CampaignId(request["resume"]),
            # a run of one batch says nothing more than it always did; a longer one says how far it got
            after_batch=_committed if len(leads) > batch_size else None,
            keys=RunKeys("acquisition", DBOS.workflow_id or ""),
        )
        return acquisition_output(outcome)
