"""The `aicmo` command: run the client journey and the acquisition run.

Input is validated before the database or the output folder is touched: bad input prints one
line naming the file and the field and exits with code 2. A failure inside a run exits 1.
"""
from __future__ import annotations

import json
import logging
import sys
from contextlib import nullcontext
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Optional

import typer
from rich.console import Console

from aicmo.cli_support.boundaries_cmd import app as boundaries_app
from aicmo.cli_support.contracts_cmd import app as contracts_app
from aicmo.cli_support.db_cmd import app as db_app
from aicmo.cli_support.journeys_cmd import app as journeys_app
from aicmo.cli_support.migrate_cmd import app as migrate_app
from aicmo.cli_support.ownership_cmd import app as ownership_app
from aicmo.cli_support.shadow_cmd import app as shadow_app
from aicmo.cli_support.worker_cmd import worker as worker_command
from aicmo.cli_support.inputs import (
    InputError,
    canonical_json,
    check_acquisition_files,
    check_campaign_limits,
    load_intake,
    read_json_object,
)
from aicmo.cli_support.render import acquisition_table, journey_table, stable_json, traffic_table, write_json
from aicmo.cli_support.reproducible import DEFAULT_INSTANT, parse_instant, reproducible

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2

app = typer.Typer(
    help="AICMO: the back office of a software-run marketing agency.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(contracts_app, name="contracts")
app.add_typer(db_app, name="db")
app.add_typer(journeys_app, name="journeys")
app.add_typer(boundaries_app, name="boundaries")
app.add_typer(ownership_app, name="ownership")
app.add_typer(migrate_app, name="migrate")
app.add_typer(shadow_app, name="shadow")
app.command("worker")(worker_command)
console = Console()
err_console = Console(stderr=True)

DatabaseUrl = typer.Option(
    "sqlite:///aicmo.db", "--database-url", envvar="AICMO_DATABASE_URL", help="SQLAlchemy database URL."
)
OutDir = typer.Option(Path("out"), "--out-dir", help="Folder for delivery packages.")
JsonOut = typer.Option(None, "--json", help="Write the complete result as sorted JSON ('-' for stdout).")
Reproducible = typer.Option(
    False, "--reproducible", help="Pin the clock and derive every id from the input (byte-identical output)."
)
At = typer.Option(None, "--at", help="The pinned instant for --reproducible (ISO time; implies it).")
LegacyFlow = typer.Option(
    False, "--legacy-flow", help="Run the old operator flow instead of the journey runner over the module ports."
)

QueueOpt = typer.Option(
    False, "--queue", help="Queue the journey for `aicmo worker` instead of running it here: print its id and return.",
)
RouteOpt = typer.Option(
    None, "--route", metavar="MODULE=ROUTE",
    help="Route MODULE to legacy, shadow or new for this run only (repeatable; all=ROUTE sets every module).",
)


def _print_version(asked: bool) -> None:
    """--version: the installed package's version (its metadata, so it matches what pip installed)."""
    if asked:
        from importlib.metadata import version

        typer.echo(f"aicmo {version('aicmo')}")
        raise typer.Exit(0)


@app.callback()
def main(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show informational log lines too."),
    show_version: bool = typer.Option(
        False, "--version", is_eager=True, callback=_print_version, help="Print the version and exit."
    ),
) -> None:
    """AICMO: the back office of a software-run marketing agency."""
    from rich.logging import RichHandler

    handler = RichHandler(console=err_console, show_time=False, show_path=False)
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler], format="%(message)s", force=True)


def _verbose() -> bool:
    return logging.getLogger().level <= logging.INFO


def _fail(message: str, code: int) -> None:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _configure_database(url: str, legacy_flow: bool = False, journeys: bool = False) -> None:
    """Point legacy at the database and, unless the old operator flow runs, prepare the application's tables.

    An embedded SQLite database is migrated here (a fresh file included); another must have
    been migrated with `aicmo db upgrade`. With ``journeys`` the workflow engine is launched on
    the database's journeys too. Any problem is bad input, before legacy's tables are touched.
    """
    from aicmo.cli_support.database import DatabaseProblem, for_writing, is_sqlite

    try:
        is_sqlite(url)
        if not legacy_flow:
            for_writing(url)
    except DatabaseProblem as exc:
        raise InputError(str(exc)) from None
    if journeys and not legacy_flow:
        _launch_workflow_engine(url)
    from aicmo.orchestration import bootstrap

    bootstrap.configure_legacy_database(url)


def _instant(at: Optional[str]) -> Any:
    if at is None:
        return DEFAULT_INSTANT
    try:
        return parse_instant(at)
    except ValueError:
        raise InputError(f"--at: '{at}' is not an ISO time") from None


def _route_overrides(values: Optional[list[str]], legacy_flow: bool) -> dict[str, Any]:
    """The --route values as module -> route; the routes stored in the database stay as they are.

    The shadow settings are checked here too: stored routes may shadow a module without any
    --route, and a bad setting is bad input, refused before anything is written.
    """
    if not legacy_flow:
        from aicmo.strangler.dispatch.settings import ShadowSettingError, candidate_timeout

        try:
            candidate_timeout()
        except ShadowSettingError as exc:
            raise InputError(str(exc)) from None
    if not values:
        return {}
    if legacy_flow:
        raise InputError("--route: the old operator flow (--legacy-flow) calls no ports, so it cannot be routed")
    from aicmo.orchestration import bootstrap
    from aicmo.orchestration.port_wiring import RouteOptionError, parse_route_options

    try:
        return parse_route_options(values, bootstrap.NEW_IMPLEMENTATIONS)
    except RouteOptionError as exc:
        raise InputError(str(exc)) from None


def _existing_projects() -> int:
    from aicmo.orchestration import bootstrap

    return bootstrap.count_projects()


def _execute(work: Callable[[], Any], seed: Optional[str], at: Any) -> Any:
    """Run the work, reproducibly when a seed is given; a failure is one line and exit 1."""
    from sqlalchemy.exc import SQLAlchemyError

    from aicmo.orchestration.acquisition import ResumeRefused

    context = reproducible(seed, at) if seed is not None else nullcontext()
    try:
        with context:
            return work()
    except ResumeRefused as exc:
        _fail(str(exc), EXIT_BAD_INPUT)
    except SQLAlchemyError as exc:
        _fail(f"database error: {str(exc).splitlines()[0]}", EXIT_FAILED)
    except OSError as exc:
        _fail(f"cannot write output: {exc}", EXIT_FAILED)
    except Exception as exc:  # a legacy failure mid-journey: say what, not a traceback
        _fail(f"run failed: {type(exc).__name__}: {exc}", EXIT_FAILED)
    raise AssertionError("unreachable")


def _emit(result: dict[str, Any], json_out: Optional[str], table: Any) -> None:
    if json_out == "-":
        sys.stdout.write(stable_json(result))
        return
    console.print(table)
    if json_out:
        write_json(json_out, result)
        console.print(f"JSON written to {json_out}")


def _journey_work(
    intake: Any, out_dir: Path, legacy_flow: bool, database_url: str, routes: dict[str, Any]
) -> Callable[[], dict[str, Any]]:
    """The journey as a callable: the runner over the ports, or the old operator flow."""
    from aicmo.orchestration import bootstrap

    if legacy_flow:
        operator_flow = bootstrap.legacy_operator_flow()
        # the operator flow reads a request dict itself; the intake's fields read back unchanged
        return lambda: operator_flow.run_client_journey(intake.model_dump(mode="json"), out_dir=str(out_dir))
    from aicmo.orchestration.journey import run_client_journey
    from aicmo.orchestration.journey_output import journey_output

    return lambda: journey_output(run_client_journey(bootstrap.routed_ports(database_url, routes), intake, out_dir=str(out_dir)))


def _journey(
    intake: Any, json_out: Optional[str], database_url: str, out_dir: Path, repro: bool, at: Optional[str],
    legacy_flow: bool = False, route: Optional[list[str]] = None, queue: bool = False,
) -> None:
    from aicmo.cli_support.queue_cmd import check_queue_options, queue_journey

    try:
        routes = _route_overrides(route, legacy_flow)
        instant = _instant(at)
        if queue:
            check_queue_options(legacy_flow, json_out, database_url)
        _configure_database(database_url, legacy_flow, journeys=True)
    except InputError as exc:
        _fail(str(exc), EXIT_BAD_INPUT)
    seed = None
    if repro or at is not None:
        seed = canonical_json(intake.model_dump(mode="json")) + f"#{_existing_projects()}"
    if queue:
        _execute(lambda: queue_journey(intake, str(out_dir), database_url, routes, seed, instant.isoformat()), None, None)
        return
    if legacy_flow:
        result = _execute(_journey_work(intake, out_dir, legacy_flow, database_url, routes), seed, instant)
    else:
        result = _execute(_durable_journey_work(intake, out_dir, database_url, routes, seed, instant), None, instant)
    _emit(result, json_out, journey_table(result))


def _launch_workflow_engine(database_url: str) -> None:
    """The workflow engine on the database's journeys; its tables missing or behind on a server are bad input."""
    from aicmo.orchestration.durable.engine import EngineUnavailable, launched_for

    try:
        launched_for(database_url)
    except EngineUnavailable as exc:
        raise InputError(str(exc)) from None


def _durable_journey_work(
    intake: Any, out_dir: Path, database_url: str, routes: dict[str, Any], seed: Optional[str], instant: Any
) -> Callable[[], dict[str, Any]]:
    """The journey as a durable workflow; its id goes to stderr, never into the result.

    The workflow pins the clock and ids itself (from the seed it records), so a journey
    continued after a crash runs its remaining steps the way it was asked to. The engine is
    launched already (`_configure_database`).
    """
    from aicmo.orchestration.durable.submit import next_journey_id, run_journey
    from aicmo.orchestration.durable.workflow import journey_request

    def work() -> dict[str, Any]:
        journey_id = next_journey_id(intake, str(out_dir))
        err_console.print(f"journey {journey_id}", highlight=False, soft_wrap=True)
        request = journey_request(intake, str(out_dir), database_url, routes, seed, instant.isoformat())
        return run_journey(journey_id, request)

    return work


@app.command()
def demo(
    database_url: str = DatabaseUrl,
    out_dir: Path = OutDir,
    json_out: Optional[str] = JsonOut,
    repro: bool = Reproducible,
    at: Optional[str] = At,
    legacy_flow: bool = LegacyFlow,
    route: Optional[list[str]] = RouteOpt,
) -> None:
    """Run the full client journey for the bundled sample intake."""
    from aicmo.orchestration import bootstrap

    sample = resources.files("aicmo.samples").joinpath("demo_intake.json").read_text(encoding="utf-8")
    intake = bootstrap.intake_requests().intake_from_request(json.loads(sample))
    _journey(intake, json_out, database_url, out_dir, repro, at, legacy_flow, route)


@app.command()
def run(
    intake_file: Path = typer.Argument(..., metavar="INTAKE.json", help="A JSON object of ClientIntake fields."),
    json_out: Optional[str] = JsonOut,
    database_url: str = DatabaseUrl,
    out_dir: Path = OutDir,
    repro: bool = Reproducible,
    at: Optional[str] = At,
    legacy_flow: bool = LegacyFlow,
    route: Optional[list[str]] = RouteOpt,
    queue: bool = QueueOpt,
) -> None:
    """Run one client journey for an intake file (or, with --queue, queue it for `aicmo worker`)."""
    try:
        intake = load_intake(intake_file)
    except InputError as exc:
        _fail(str(exc), EXIT_BAD_INPUT)
    _journey(intake, json_out, database_url, out_dir, repro, at, legacy_flow, route, queue)


@app.command()
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
    """
    from pydantic import ValidationError

    from aicmo.orchestration import bootstrap

    files = bootstrap.acquisition_files()
    try:
        routes = _route_overrides(route, legacy_flow)
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
            given = files.read_acquisition_input(campaign_data, leads_file, replies_file)
        except files.AcquisitionInputError as exc:
            raise InputError(str(exc)) from None
        instant = _instant(at)
        _configure_database(database_url, legacy_flow, journeys=True)
    except InputError as exc:
        _fail(str(exc), EXIT_BAD_INPUT)
    seed = None
    if repro or at is not None:
        seed = canonical_json(given.seed_material(batch)) + f"#{_existing_projects()}"
    if legacy_flow:
        operator_flow = bootstrap.legacy_operator_flow()
        result = _execute(
            lambda: operator_flow.run_acquisition(given.campaign_data, given.legacy_leads, given.legacy_replies, batch=batch),
            seed, instant,
        )
    else:
        from aicmo.cli_support.acquisition_run import durable_acquisition

        work = durable_acquisition(given, batch, batch_size, resume, database_url, routes, seed, instant, err_console)
        result = _execute(work, None, instant)
    _emit(result, json_out, acquisition_table(result))


@app.command()
def traffic(
    journeys: int = typer.Option(100, "--journeys", min=1, help="How many journeys to run."),
    seed: int = typer.Option(1, "--seed", help="Which synthetic intakes: the same seed gives the same intakes."),
    database_url: str = DatabaseUrl,
    out_dir: Path = OutDir,
    route: Optional[list[str]] = RouteOpt,
) -> None:
    """Run many client journeys of varied synthetic intakes: traffic for shadow comparisons before a promotion.

    Each journey reads the stored routes (or --route) and records its shadow comparisons, so
    `aicmo migrate status` counts them toward the gate. Exit 1 when a journey fails (the
    journeys before it are kept), 2 on bad input.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from aicmo.orchestration.traffic import run_traffic
    from aicmo.strangler.dispatch.report import latest_comparison_id, shadow_summaries
    from aicmo.cli_support.database import strangler_for_writing

    try:
        routes = _route_overrides(route, legacy_flow=False)
        _configure_database(database_url)
    except InputError as exc:
        _fail(str(exc), EXIT_BAD_INPUT)
    evidence = strangler_for_writing(database_url)
    with evidence() as session:
        mark = latest_comparison_id(session)
    if not _verbose():  # a warning per journey (e.g. a delivery gate that stays shut) would bury the progress
        logging.getLogger("backend").setLevel(logging.ERROR)
    columns = (TextColumn("journeys"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task("", total=journeys)
        run = _execute(
            lambda: run_traffic(
                database_url, seed, journeys, out_dir, routes,
                after_each=lambda number, brand: progress.update(task, completed=number, description=brand),
            ),
            seed=None, at=None,
        )
    with evidence() as session:
        summaries = shadow_summaries(session, after_id=mark)
    console.print(traffic_table(run, summaries))
    unexplained = sum(s.unexplained for s in summaries)
    if unexplained:
        console.print(f"[bold yellow]{unexplained} unexplained mismatches[/]: see `aicmo shadow report`")


if __name__ == "__main__":  # pragma: no cover
    app()
