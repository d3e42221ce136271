"""What the commands that run journeys share: their options, the database set-up, the --route
overrides, running the work with its failures as one line, and printing the result.

Input is validated before the database or the output folder is touched: bad input prints one
line naming the file and the field and exits with code 2. A failure inside a run exits 1.
Imports of the database, the ports and the workflow engine stay inside the functions, so a
command that loads this module pays for them only on the path that uses them.
"""
from __future__ import annotations

import logging
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any, Callable, Optional

import typer
from rich.console import Console

from aicmo.cli_support.input_error import InputError
from aicmo.cli_support.render import dump_stable_json, write_json
from aicmo.shared.pinned_time import DEFAULT_INSTANT, parse_instant

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2

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


def verbose() -> bool:
    return logging.getLogger().level <= logging.INFO


def fail(message: str, code: int) -> None:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def configure_database(url: str, legacy_flow: bool = False, journeys: bool = False) -> None:
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
        launch_workflow_engine(url)
    from aicmo.orchestration import bootstrap

    bootstrap.configure_legacy_database(url)


def launch_workflow_engine(database_url: str) -> None:
    """The workflow engine on the database's journeys; its tables missing or behind on a server are bad input."""
    from aicmo.orchestration.durable.engine import EngineUnavailable, launched_for

    try:
        launched_for(database_url)
    except EngineUnavailable as exc:
        raise InputError(str(exc)) from None


def instant(at: Optional[str]) -> Any:
    if at is None:
        return DEFAULT_INSTANT
    try:
        return parse_instant(at)
    except ValueError:
        raise InputError(f"--at: '{at}' is not an ISO time") from None


def route_overrides(values: Optional[list[str]], legacy_flow: bool) -> dict[str, Any]:
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


def existing_projects() -> int:
    from aicmo.orchestration import bootstrap

    return bootstrap.count_projects()


def execute(work: Callable[[], Any], seed: Optional[str], at: Any) -> Any:
    """Run the work, reproducibly when a seed is given; a failure is one line and exit 1."""
    from sqlalchemy.exc import SQLAlchemyError

    from aicmo.orchestration.acquisition import ResumeRefused

    if seed is not None:
        from aicmo.cli_support.reproducible import reproducible

        context: Any = reproducible(seed, at)
    else:
        context = nullcontext()
    try:
        with context:
            return work()
    except ResumeRefused as exc:
        fail(str(exc), EXIT_BAD_INPUT)
    except SQLAlchemyError as exc:
        fail(f"database error: {str(exc).splitlines()[0]}", EXIT_FAILED)
    except OSError as exc:
        fail(f"cannot write output: {exc}", EXIT_FAILED)
    except Exception as exc:  # a legacy failure mid-journey: say what, not a traceback
        fail(f"run failed: {type(exc).__name__}: {exc}", EXIT_FAILED)
    raise AssertionError("unreachable")


def emit_written(json_out: Optional[str], table: Any) -> None:
    """What emit prints, for a run that wrote its --json itself (an acquisition: page by page, never whole in memory)."""
    if json_out == "-":
        return
    console.print(table)
    if json_out:
        console.print(f"JSON written to {json_out}")


def emit(result: dict[str, Any], json_out: Optional[str], table: Any) -> None:
    if json_out == "-":
        dump_stable_json(result, sys.stdout)
        return
    console.print(table)
    if json_out:
        write_json(json_out, result)
        console.print(f"JSON written to {json_out}")
