"""`aicmo journeys`: the client journeys a database has recorded, one journey's steps, resuming and cancelling one.

A journey is a durable workflow (`aicmo run`/`demo` print its id on stderr). `list` and `show`
only read (they never create the engine's tables, nor continue anything); `resume` continues a
journey left unfinished by a crash from its last completed step; `cancel` stops one for good
and compensates what it did. Exit codes: 0 done, 1 refused (the journey has finished, or runs
in a live process) or failed, 2 bad input (an unknown status or id, a database that keeps no
journeys).
"""
from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from typing import Any, Optional

import typer
from rich.console import Console
from rich.table import Table

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2

app = typer.Typer(help="Durable client journeys: list, show, resume, cancel.", no_args_is_help=True, add_completion=False,
                  epilog="Examples:\n  aicmo journeys list\n  aicmo journeys resume JOURNEY_ID")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DatabaseUrl = typer.Option("sqlite:///aicmo.db", "--database-url", envvar="AICMO_DATABASE_URL", help="SQLAlchemy database URL.")
JsonFlag = typer.Option(False, "--json", help="Print JSON instead of a table.")


def _fail(message: str, code: int) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


def _when(epoch_ms: Optional[int]) -> str:
    if epoch_ms is None:
        return "-"
    return datetime.fromtimestamp(epoch_ms / 1000, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def _read(work: Any) -> Any:
    """Read through the records; a database that keeps no journeys, or a server that does not answer, is bad input."""
    from sqlalchemy.exc import SQLAlchemyError

    from aicmo.orchestration.durable.records import NoJourneys

    try:
        return work()
    except NoJourneys as exc:
        _fail(str(exc), EXIT_BAD_INPUT)
    except SQLAlchemyError as exc:
        _fail(f"cannot read the journeys: {str(exc).splitlines()[0]}", EXIT_BAD_INPUT)


@app.command("list")
def list_journeys(
    database_url: str = DatabaseUrl,
    status: Optional[str] = typer.Option(None, "--status", help="Only journeys of this status (PENDING, SUCCESS, ERROR, ...)."),
    as_json: bool = JsonFlag,
) -> None:
    """Every client journey of the database, oldest first: id, status, brand, when started and last changed.

    Examples:
      aicmo journeys list
      aicmo journeys list --status ERROR --json
    """
    from aicmo.orchestration.durable.records import STATUSES, journeys

    wanted = None if status is None else status.upper()
    if wanted is not None and wanted not in STATUSES:
        _fail(f"--status: '{status}' is not one of {', '.join(STATUSES)}", EXIT_BAD_INPUT)
    found = _read(lambda: journeys(database_url, wanted))
    if as_json:
        rows = [{"id": j.journey_id, "status": j.status, "cancelled": j.cancelled, "brand": j.brand,
                 "created_ms": j.created_ms, "updated_ms": j.updated_ms, "error": j.error} for j in found]
        sys.stdout.write(json.dumps(rows, indent=2, sort_keys=True) + "\n")
        return
    table = Table()
    table.add_column("journey", no_wrap=True)  # an id is copied into `show` and `resume`: never wrapped
    table.add_column("status", no_wrap=True)
    for heading in ("brand", "started (UTC)", "last change (UTC)"):
        table.add_column(heading)
    for j in found:
        table.add_row(j.journey_id, j.status + (" (cancelled)" if j.cancelled else ""), j.brand, _when(j.created_ms),
                      _when(j.updated_ms))
    out.print(table if found else "no journeys")


@app.command()
def show(
    journey_id: str = typer.Argument(..., metavar="ID", help="A journey id (from `aicmo journeys list`)."),
    database_url: str = DatabaseUrl,
    as_json: bool = JsonFlag,
) -> None:
    """One journey: its status and each step, with its result and how long it took.

    Examples:
      aicmo journeys show JOURNEY_ID
      aicmo journeys show JOURNEY_ID --json
    """
    from aicmo.orchestration.durable.records import journey

    record = _read(lambda: journey(database_url, journey_id))
    if as_json:
        document = {
            "id": record.journey_id, "status": record.status, "cancelled": record.cancelled, "brand": record.brand,
            "error": record.error,
            "steps": [{"number": s.number, "name": s.name, "started_ms": s.started_ms, "completed_ms": s.completed_ms,
                       "output": s.output, "error": s.error} for s in record.steps],
        }
        sys.stdout.write(json.dumps(document, indent=2, sort_keys=True, default=str) + "\n")
        return
    cancelled = ", cancelled by an operator" if record.cancelled else ""
    out.print(f"journey {record.journey_id}: {record.status}{cancelled} ({record.brand})")
    if record.error:
        out.print(f"error: {record.error}")
    # what a reader looks for stays whole on a narrow terminal; the result folds instead
    table = Table()
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("step", no_wrap=True)
    table.add_column("ms", justify="right", no_wrap=True)
    table.add_column("result", overflow="fold")
    for s in record.steps:
        took = "-" if s.started_ms is None or s.completed_ms is None else str(s.completed_ms - s.started_ms)
        result = s.error or json.dumps(s.output, sort_keys=True, default=str)
        table.add_row(str(s.number), s.name, took, result if len(result) <= 80 else result[:77] + "...")
    out.print(table)


@app.command()
def resume(
    journey_id: str = typer.Argument(..., metavar="ID", help="The journey to continue (from `aicmo journeys list`)."),
    database_url: str = DatabaseUrl,
    json_out: Optional[str] = typer.Option(None, "--json", help="Write the journey's result as sorted JSON ('-' for stdout)."),
) -> None:
    """Continue a journey left unfinished (a crash, a kill) from its last completed step; print its result as `aicmo run` does.

    The completed steps are not run again: their recorded results are used.

    Examples:
      aicmo journeys resume JOURNEY_ID
      aicmo journeys resume JOURNEY_ID --json result.json
    """
    from aicmo.cli_support import run_support
    from aicmo.cli_support.input_error import InputError
    from aicmo.cli_support.output_path import check_writable_file
    from aicmo.cli_support.render import acquisition_table, journey_table
    from aicmo.orchestration.durable.acquisition_workflow import ACQUISITION_WORKFLOW
    from aicmo.orchestration.durable.submit import UNFINISHED, resume_journey

    try:
        check_writable_file("--json", json_out)
    except InputError as exc:
        _fail(str(exc), EXIT_BAD_INPUT)
    record = _stopped_journey(database_url, journey_id, UNFINISHED, "not resumed")
    if record.status not in UNFINISHED:
        _fail(f"journey {journey_id} has already finished ({record.status}): nothing to resume", EXIT_FAILED)
    if record.kind == ACQUISITION_WORKFLOW:
        from aicmo.orchestration.durable.acquisition_output_target import output_to

        # an acquisition writes its JSON itself, page by page; its result is the campaign and the summary
        with output_to(journey_id, json_out):
            result = _on_engine(database_url, lambda: resume_journey(journey_id))
        err.print(f"journey {journey_id} resumed and completed")
        run_support.emit_written(json_out, acquisition_table(result))
        return
    result = _on_engine(database_url, lambda: resume_journey(journey_id))
    err.print(f"journey {journey_id} resumed and completed")
    run_support.emit(result, json_out, journey_table(result))


def _stopped_journey(database_url: str, journey_id: str, running: tuple[str, ...], refusal: str) -> Any:
    """The journey's record, read before anything is launched (an unknown id: exit 2); exit 1 when it is in one of
    the ``running`` statuses and its process is alive on this machine."""
    from aicmo.orchestration.durable.engine import executor_alive
    from aicmo.orchestration.durable.records import journey

    record = _read(lambda: journey(database_url, journey_id))
    if record.status in running and executor_alive(record.executor):
        _fail(f"journey {journey_id} is running in a live process ({record.executor}): {refusal}", EXIT_FAILED)
    return record


def _on_engine(database_url: str, work: Any) -> Any:
    """``work()`` with the database prepared (bad: exit 2) and the workflow engine launched on it (a failure: exit 1)."""
    from aicmo.cli_support import run_support
    from aicmo.cli_support.inputs import InputError
    from aicmo.orchestration.durable.engine import launched_for

    try:
        run_support.configure_database(database_url)
    except InputError as exc:
        _fail(str(exc), EXIT_BAD_INPUT)
    return run_support.execute(lambda: (launched_for(database_url), work())[1], None, None)


@app.command()
def cancel(
    journey_id: str = typer.Argument(..., metavar="ID", help="The journey to call off (from `aicmo journeys list`)."),
    database_url: str = DatabaseUrl,
    as_json: bool = JsonFlag,
) -> None:
    """Call a journey off: stop it if unfinished, then undo every step it completed, newest first, invoices included.

    Nothing is deleted: the project is CANCELLED, creatives DISCARDED, the package withdrawn
    (its zip moved aside), unpaid invoices void; a paid invoice is kept and named. Cancelling
    again compensates nothing twice.

    Examples:
      aicmo journeys cancel JOURNEY_ID
      aicmo journeys cancel JOURNEY_ID --json
    """
    from aicmo.orchestration.durable.submit import cancel_journey

    _stopped_journey(database_url, journey_id, ("PENDING",), "stop it first")
    done = _on_engine(database_url, lambda: cancel_journey(journey_id))
    if as_json:
        sys.stdout.write(json.dumps(done, indent=2, sort_keys=True) + "\n")
    else:
        table = Table()
        for heading in ("compensation", "target", "status", "undone", "kept (settle by hand)"):
            table.add_column(heading, no_wrap=heading != "kept (settle by hand)", overflow="fold")
        for c in done:
            table.add_row(c["action"], c["target_id"], c["status"], str(len(c["undone"])), ", ".join(c["kept"]) or "-")
        out.print(table if done else "nothing to compensate")
    err.print(f"journey {journey_id} cancelled")

