"""`aicmo acquire`: the acquisition run over a leads file, its replies and a campaign."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from aicmo.cli_support.input_error import InputError
from aicmo.cli_support.output_path import check_writable_file
from aicmo.cli_support.run_support import (
    EXIT_BAD_INPUT,
    At,
    DatabaseUrl,
    JsonOut,
    LegacyFlow,
    Reproducible,
    RouteOpt,
    configure_database,
    emit,
    emit_written,
    err_console,
    execute,
    existing_projects,
    fail,
    instant,
    route_overrides,
)

__all__ = ["acquire"]


def acquire(
    leads_file: Path = typer.Argument(..., metavar="LEADS.csv", help="Leads to score, qualify and contact."),
    replies_file: Optional[Path] = typer.Option(None, "--replies", help="Replies CSV (email, received_at, body)."),
    campaign_file: Optional[Path] = typer.Option(
        None, "--campaign", help="Campaign JSON; the bundled example campaign when omitted."
    ),
    batch: bool = typer.Option(False, "--batch", help="Nightly re-score: batch scoring, ignores campaign targets."),
    json_out: Optional[str] = JsonOut,
    database_url: str = DatabaseUrl,
    repro: bool = Reproducible,
    at: Optional[str] = At,
    legacy_flow: bool = LegacyFlow,
    route: Optional[list[str]] = RouteOpt,
    batch_size: int = typer.Option(
        250, "--batch-size", min=1, help="Leads per batch; each batch is imported, scored and qualified in one transaction."
    ),
    resume: Optional[str] = typer.Option(
        None, "--resume", metavar="CAMPAIGN_ID",
        help="Continue a run of the same files that failed in a batch: import only the leads that campaign does not hold yet.",
    ),
) -> None:
    """Run the acquisition: score, qualify, route, send (simulation), process replies, convert.

    The run is a durable workflow (its id on stderr) whose batches commit whole: a run killed
    half-way is continued, from its last completed step, by the same command again. A run that
    failed in a batch names its campaign, and the same command with --resume CAMPAIGN_ID
    imports the rest, none twice.

    Examples:
      aicmo acquire leads.csv --replies replies.csv
      aicmo acquire leads.csv --campaign campaign.json --batch-size 500
      aicmo acquire leads.csv --resume CAMPAIGN_ID
    """
    from pydantic import ValidationError

    from aicmo.cli_support.inputs import canonical_json, check_acquisition_files, check_campaign_limits, read_json_object
    from aicmo.cli_support.render import acquisition_table
    from aicmo.orchestration import bootstrap

    files = bootstrap.acquisition_files()
    try:
        routes = route_overrides(route, legacy_flow)
        if resume is not None and legacy_flow:
            raise InputError("--resume: the old operator flow (--legacy-flow) imports all leads at once and cannot resume")
        campaign_data = None
        if campaign_file is not None:
            campaign_data = read_json_object(campaign_file)
            try:
                files.validate_campaign(campaign_data)
            except ValidationError as exc:
                from aicmo.cli_support.inputs import describe_validation_error

                raise InputError(describe_validation_error(str(campaign_file), exc)) from None
            check_campaign_limits(campaign_file, campaign_data)
        check_acquisition_files(leads_file, replies_file)
        try:
            # the whole file checked in one streaming pass before anything is written; the run reads it batch by batch
            named = files.leads_file(leads_file)
            replies = files.read_replies(replies_file)
            campaign = files.validate_campaign(campaign_data)
            # the old flow and the reproducible seed read the file as legacy did, whole
            given = files.read_acquisition_input(campaign_data, leads_file, replies_file) if legacy_flow or repro or at is not None else None
        except files.AcquisitionInputError as exc:
            raise InputError(str(exc)) from None
        pinned = instant(at)
        check_writable_file("--json", json_out)
        configure_database(database_url, legacy_flow, journeys=True)
    except InputError as exc:
        fail(str(exc), EXIT_BAD_INPUT)
    seed = None
    if repro or at is not None:
        assert given is not None
        seed = canonical_json(given.seed_material(batch)) + f"#{existing_projects()}"
    if legacy_flow:
        assert given is not None
        operator_flow = bootstrap.legacy_operator_flow()
        result = execute(
            lambda: operator_flow.run_acquisition(given.campaign_data, given.legacy_leads, given.legacy_replies, batch=batch),
            seed, pinned,
        )
        emit(result, json_out, acquisition_table(result))
    else:
        from aicmo.cli_support.acquisition_run import durable_acquisition

        work = durable_acquisition(campaign, named, replies, batch, batch_size, resume, database_url, routes, seed, pinned,
                                   err_console, json_out)
        # the workflow wrote the JSON itself, page by page; its result is the campaign and the summary
        emit_written(json_out, acquisition_table(execute(work, None, pinned)))
