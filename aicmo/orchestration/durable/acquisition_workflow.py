"""The acquisition run as a DBOS workflow: each batch of leads, the sends, each reply and conversion a step.

The workflow's input is a plain JSON request (the campaign and replies as DTOs, the leads
file named by its path, content digest and number of leads, the batch settings, database,
route overrides, the reproducible seed and instant), so a run is continued after a crash by
any process with exactly what the first process was asked, and the request stays small
however large the file: the leads are read from the file batch by batch, and a continued run
refuses a file whose bytes have changed. A batch's checkpoint keeps each lead's id and
whether it qualified, the sends' each lead's outcome: what the later steps and the output
need, not the leads nor the messages. Its idempotency keys derive
from the workflow id, so a step whose effect committed but whose checkpoint did not gets the
first answer back when it runs again. It writes the run's output itself, page by page, to the
--json of the command running it (acquisition_output_target); its result is only the
campaign and the summary, so neither the engine's tables nor any process hold every lead.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Optional

from dbos import DBOS

from aicmo.orchestration.durable.acquisition_progress import reporter
from aicmo.orchestration.durable.sequenced_ports import sequenced_call, sequenced_ports

__all__ = ["ACQUISITION_WORKFLOW", "acquisition_request", "acquisition_run"]

ACQUISITION_WORKFLOW = "acquisition_run"
# the steps' names are the ports', so the pause hooks and `journeys show` name them so
IMPORT_STEP, SEND_STEP = "cam.import_lead_batch", "cam.send_outreach"


def acquisition_request(
    campaign: Any, leads: Any, replies: Any, batch: bool, batch_size: int, resume: Optional[str], database_url: str,
    routes: dict[str, Any], seed: Optional[str], at: Optional[str],
) -> dict[str, Any]:
    """What one acquisition run is asked, as JSON (``leads``: the file named, acl.cam.files.LeadsFile)."""
    return {
        "campaign": campaign.model_dump(mode="json"),
        "leads_file": {"path": leads.path, "sha256": leads.sha256, "leads": leads.leads},
        "replies": [reply.model_dump(mode="json") for reply in replies],
        "batch": batch,
        "batch_size": batch_size,
        "resume": resume,
        "database_url": database_url,
        "routes": {module: getattr(route, "value", route) for module, route in routes.items()},
        "seed": seed,
        "at": at,
    }


@dataclass(frozen=True)
class _FileLeads:
    """The request's leads file as the run's lead source: read batch by batch, checked to be the same bytes."""

    named: Any
    files: Any

    @property
    def total(self) -> int:
        return int(self.named.leads)

    def batches(self, size: int, start: int) -> Iterator[Any]:
        from aicmo.orchestration.acquisition import LeadsFileChanged

        try:
            yield from self.files.lead_batches(self.named, size, start)
        except self.files.LeadsFileChanged as exc:
            raise LeadsFileChanged(str(exc)) from None


def _kept_steps(cam: Any) -> dict[str, Any]:
    """import_lead_batch and send_outreach as checkpointed steps that keep only what the run needs of them.

    A batch's step keeps each lead's id and qualification, the sends' step each lead's outcome:
    not the leads nor the messages, which the port keeps (and answers again for the same key).
    """
    from pydantic import TypeAdapter

    from aicmo.orchestration.acquisition import ImportedLead, SentLead, imported_leads, sent_leads

    imported, sent = TypeAdapter(tuple[ImportedLead, ...]), TypeAdapter(tuple[SentLead, ...])

    def import_batch(*args: Any) -> tuple[ImportedLead, ...]:
        return sequenced_call(IMPORT_STEP, lambda: imported_leads(cam.import_lead_batch(*args)), imported)

    def send(*args: Any) -> tuple[SentLead, ...]:
        return sequenced_call(SEND_STEP, lambda: sent_leads(cam.send_outreach(*args)), sent)

    return {"import_batch": import_batch, "send": send}


@DBOS.workflow(name=ACQUISITION_WORKFLOW)
def acquisition_run(request: dict[str, Any]) -> dict[str, Any]:
    from contextlib import nullcontext

    from aicmo.cam.api import AcquisitionCampaign, CampaignId, InboundReply
    from aicmo.cli_support.reproducible import parse_instant, reproducible
    from aicmo.orchestration import bootstrap
    from aicmo.orchestration.acquisition import acquire_leads
    from aicmo.orchestration.acquisition_pages import write_acquisition_output
    from aicmo.orchestration.durable.acquisition_output_target import write_output
    from aicmo.orchestration.keys import RunKeys
    from aicmo.orchestration.port_wiring import parse_route_options
    from aicmo.strangler.evidence.unit_of_work import flushes_comparisons

    files = bootstrap.acquisition_files()
    leads = _FileLeads(files.LeadsFile(**request["leads_file"]), files)
    replies = tuple(InboundReply.model_validate(reply) for reply in request["replies"])
    routes = parse_route_options([f"{m}={r}" for m, r in request["routes"].items()], bootstrap.NEW_IMPLEMENTATIONS)
    seed, batch_size = request["seed"], request["batch_size"]
    pinned = reproducible(seed, parse_instant(request["at"])) if seed is not None else nullcontext()
    # wired before the clock is pinned: wiring imports the legacy adapters, whose models would take the pinned clock's
    # stand-in date class for their fields (a process resuming the run has not imported them yet)
    routed = bootstrap.routed_ports(request["database_url"], routes)
    ports = sequenced_ports(routed)
    workflow_id = DBOS.workflow_id or ""

    @flushes_comparisons  # the end of the unit of work: its shadow comparisons are written
    def run() -> dict[str, Any]:
        acquired = acquire_leads(
            ports,
            AcquisitionCampaign.model_validate(request["campaign"]), leads, replies, batch=request["batch"],
            batch_size=batch_size, resume=None if request["resume"] is None else CampaignId(request["resume"]),
            # a run of one batch says nothing more than it always did; a longer one says how far it got
            after_batch=reporter() if leads.total > batch_size else None,
            keys=RunKeys("acquisition", workflow_id),
            **_kept_steps(routed.cam),
        )
        return write_output(workflow_id, lambda handle: write_acquisition_output(ports.cam, acquired, handle))

    with pinned:
        return run()
