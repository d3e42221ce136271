"""`aicmo traffic`: many journeys of varied synthetic intakes, the traffic shadow comparisons need before a promotion."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

import typer

from aicmo.cli_support.input_error import InputError
from aicmo.cli_support.output_path import check_writable_folder
from aicmo.cli_support.run_support import (
    EXIT_BAD_INPUT,
    DatabaseUrl,
    OutDir,
    RouteOpt,
    configure_database,
    console,
    err_console,
    execute,
    fail,
    route_overrides,
    verbose,
)

__all__ = ["traffic"]


def traffic(
    journeys: int = typer.Option(100, "--journeys", min=1, help="How many journeys to run."),
    seed: int = typer.Option(1, "--seed", help="Which synthetic intakes: the same seed gives the same intakes."),
    database_url: str = DatabaseUrl,
    out_dir: Path = OutDir,
    route: Optional[list[str]] = RouteOpt,
    acquisitions: int = typer.Option(0, "--acquisitions", min=0,
                                     help="Acquisition runs of synthetic leads after the journeys (cam's comparisons)."),
    acquisition_leads: int = typer.Option(200, "--acquisition-leads", min=1, help="Leads in each acquisition run."),
) -> None:
    """Run many client journeys of varied synthetic intakes: traffic for shadow comparisons before a promotion.

    Each journey reads the stored routes (or --route) and records its shadow comparisons, so
    `aicmo migrate status` counts them toward the gate. A journey acquires no leads: cam's
    comparisons come from --acquisitions, runs of varied synthetic leads and replies. Exit 1
    when a journey or acquisition fails (the ones before it are kept), 2 on bad input.

    Examples:
      aicmo traffic --journeys 200 --seed 7
      aicmo traffic --route qc=shadow
      aicmo traffic --journeys 20 --acquisitions 40 --acquisition-leads 100 --route cam=shadow
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from aicmo.cli_support.database import strangler_for_writing
    from aicmo.cli_support.render import traffic_table
    from aicmo.orchestration.traffic import run_traffic
    from aicmo.strangler.dispatch.report import latest_comparison_id, shadow_summaries

    try:
        routes = route_overrides(route, legacy_flow=False)
        check_writable_folder("--out-dir", out_dir)
        configure_database(database_url)
    except InputError as exc:
        fail(str(exc), EXIT_BAD_INPUT)
    evidence = strangler_for_writing(database_url)
    with evidence() as session:
        mark = latest_comparison_id(session)
    if not verbose():  # a warning per journey (e.g. a delivery gate that stays shut) would bury the progress
        logging.getLogger("backend").setLevel(logging.ERROR)
    columns = (TextColumn("traffic"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task("", total=journeys + acquisitions)
        run = execute(
            lambda: run_traffic(
                database_url, seed, journeys, out_dir, routes,
                after_each=lambda number, brand: progress.update(task, completed=number, description=brand),
                acquisitions=acquisitions, acquisition_leads=acquisition_leads,
            ),
            seed=None, at=None,
        )
    with evidence() as session:
        summaries = shadow_summaries(session, after_id=mark)
    console.print(traffic_table(run, summaries))
    unexplained = sum(s.unexplained for s in summaries)
    if unexplained:
        console.print(f"[bold yellow]{unexplained} unexplained mismatches[/]: see `aicmo shadow report`")
