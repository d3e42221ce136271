"""`aicmo demo` and `aicmo run`: one client journey, for the bundled sample intake or an intake file.

The journey runs as a durable workflow over the module ports (its id on stderr), or with
--legacy-flow as the old operator flow; with --queue it is queued for `aicmo worker`. What the
path needs (the intake model, the ports, the engine) is imported on that path only.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional

import typer

from aicmo.cli_support.input_error import InputError
from aicmo.cli_support.output_path import check_writable_file, check_writable_folder
from aicmo.cli_support.run_support import (
    EXIT_BAD_INPUT,
    At,
    DatabaseUrl,
    JsonOut,
    LegacyFlow,
    OutDir,
    QueueOpt,
    Reproducible,
    RouteOpt,
    configure_database,
    emit,
    err_console,
    execute,
    existing_projects,
    fail,
    instant,
    route_overrides,
)

__all__ = ["demo", "run"]


def demo(
    database_url: str = DatabaseUrl,
    out_dir: Path = OutDir,
    json_out: Optional[str] = JsonOut,
    repro: bool = Reproducible,
    at: Optional[str] = At,
    legacy_flow: bool = LegacyFlow,
    route: Optional[list[str]] = RouteOpt,
) -> None:
    """Run the full client journey for the bundled sample intake.

    Examples:
      aicmo demo
      aicmo demo --reproducible --json result.json
      aicmo demo --route qc=shadow
    """
    import json
    from importlib import resources

    from aicmo.orchestration import bootstrap

    sample = resources.files("aicmo.samples").joinpath("demo_intake.json").read_text(encoding="utf-8")
    intake = bootstrap.intake_requests().intake_from_request(json.loads(sample))
    _journey(intake, json_out, database_url, out_dir, repro, at, legacy_flow, route)


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
    """Run one client journey for an intake file (or, with --queue, queue it for `aicmo worker`).

    Examples:
      aicmo run intake.json
      aicmo run intake.json --json - --reproducible
      aicmo run intake.json --queue --database-url postgresql+psycopg://aicmo@db/aicmo
    """
    from aicmo.cli_support.inputs import load_intake

    try:
        intake = load_intake(intake_file)
    except InputError as exc:
        fail(str(exc), EXIT_BAD_INPUT)
    _journey(intake, json_out, database_url, out_dir, repro, at, legacy_flow, route, queue)


def _journey(
    intake: Any, json_out: Optional[str], database_url: str, out_dir: Path, repro: bool, at: Optional[str],
    legacy_flow: bool = False, route: Optional[list[str]] = None, queue: bool = False,
) -> None:
    from aicmo.cli_support.inputs import canonical_json
    from aicmo.cli_support.queue_cmd import check_queue_options, queue_journey
    from aicmo.cli_support.render import journey_table

    try:
        routes = route_overrides(route, legacy_flow)
        pinned = instant(at)
        check_writable_file("--json", json_out)
        check_writable_folder("--out-dir", out_dir)
        if queue:
            check_queue_options(legacy_flow, json_out, database_url)
        configure_database(database_url, legacy_flow, journeys=True)
    except InputError as exc:
        fail(str(exc), EXIT_BAD_INPUT)
    seed = None
    if repro or at is not None:
        seed = canonical_json(intake.model_dump(mode="json")) + f"#{existing_projects()}"
    if queue:
        execute(lambda: queue_journey(intake, str(out_dir), database_url, routes, seed, pinned.isoformat()), None, None)
        return
    if legacy_flow:
        result = execute(_legacy_journey_work(intake, out_dir), seed, pinned)
    else:
        result = execute(_durable_journey_work(intake, out_dir, database_url, routes, seed, pinned), None, pinned)
    emit(result, json_out, journey_table(result))


def _legacy_journey_work(intake: Any, out_dir: Path) -> Callable[[], dict[str, Any]]:
    """The journey as the old operator flow: it reads a request dict itself, the intake's fields read back unchanged."""
    from aicmo.orchestration import bootstrap

    operator_flow = bootstrap.legacy_operator_flow()
    return lambda: operator_flow.run_client_journey(intake.model_dump(mode="json"), out_dir=str(out_dir))


def _durable_journey_work(
    intake: Any, out_dir: Path, database_url: str, routes: dict[str, Any], seed: Optional[str], pinned: Any
) -> Callable[[], dict[str, Any]]:
    """The journey as a durable workflow; its id goes to stderr, never into the result.

    The workflow pins the clock and ids itself (from the seed it records), so a journey
    continued after a crash runs its remaining steps the way it was asked to. The engine is
    launched already (`configure_database`).
    """
    from aicmo.orchestration.durable.submit import next_journey_id, run_journey
    from aicmo.orchestration.durable.workflow import journey_request

    def work() -> dict[str, Any]:
        journey_id = next_journey_id(intake, str(out_dir))
        err_console.print(f"journey {journey_id}", highlight=False, soft_wrap=True)
        request = journey_request(intake, str(out_dir), database_url, routes, seed, pinned.isoformat())
        return run_journey(journey_id, request)

    return work
