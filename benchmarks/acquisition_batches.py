"""Acquisition of a large leads file: the durable workflow against the runner without it, interleaved in one process.

    python benchmarks/acquisition_batches.py [--rows 2000] [--rounds 5] [--batch-size 250]
                                             [--database-url URL] [--print-only]
    python benchmarks/acquisition_batches.py --command [--rows 100000]   # the whole command, end to end

Each round runs the same leads file (the example leads repeated, every e-mail made unique per
run, so no run meets another's leads) through the acquisition runner over the ports without
the engine (how `aicmo acquire` ran before it became a workflow), then as the workflow
`aicmo acquire` runs now, one after the other on one database, so a slow moment of the
machine falls on both; a first round of one batch warms up and is left out. Prints the median
wall time of each, the leads per second, the workflow's steps and the characters its
checkpoints take in the engine's tables, and writes the table between the ``acquisition-workflow``
markers of README.md (``acquisition-workflow-postgresql`` for a PostgreSQL ``--database-url``). ``--command`` times `aicmo acquire` itself on a fresh SQLite file.
"""
from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from measure import Headline, write_headlines

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "leads.csv"
MARKERS = "<!-- acquisition-workflow{}:begin -->", "<!-- acquisition-workflow{}:end -->"  # "" or "-postgresql"


def write_leads(path: Path, rows: int, prefix: str = "n") -> None:
    with EXAMPLE.open(encoding="utf-8", newline="") as source:
        header, *examples = list(csv.reader(source))
    with path.open("w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target)
        writer.writerow(header)
        for n in range(rows):
            row = list(examples[n % len(examples)])
            row[1] = f"{prefix}{n}.{row[1]}"
            writer.writerow(row)


def _command(rows: int, batch_size: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        leads = Path(folder) / "leads.csv"
        write_leads(leads, rows)
        command = [sys.executable, "-m", "aicmo.cli", "acquire", str(leads), "--batch-size", str(batch_size),
                   "--json", str(Path(folder) / "result.json")]
        started = time.perf_counter()
        subprocess.run(command, cwd=folder, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - started
    print(f"`aicmo acquire`, {rows:,} rows, batches of {batch_size:,}: {seconds:.1f} s, {rows / seconds:,.0f} rows/s")


def _checkpoints(url: str) -> tuple[int, int]:
    """The last acquisition workflow's steps, and the characters its request, step outputs and output take in the
    engine's tables (what a crash-proof run stores beyond the application's rows)."""
    from dbos import DBOS
    from sqlalchemy import create_engine, text

    from aicmo.orchestration.durable.system_database import system_database_url

    last = DBOS.list_workflows(name="acquisition_run", sort_desc=True, limit=1, load_input=False, load_output=False)[0]
    system = system_database_url(url)
    schema = "" if system.startswith("sqlite") else "dbos."
    engine = create_engine(system)
    try:
        with engine.connect() as connection:
            own = sum(connection.execute(text(f"SELECT coalesce(sum(length({column})), 0) FROM {schema}{table} "
                                              "WHERE workflow_uuid = :id"), {"id": last.workflow_id}).scalar_one()
                      for table, column in (("workflow_input", "inputs"), ("workflow_output", "output")))
            steps, outputs = connection.execute(text(
                f"SELECT count(*), coalesce(sum(length(output)), 0) FROM {schema}operation_outputs WHERE workflow_uuid = :id"),
                {"id": last.workflow_id}).one()
    finally:
        engine.dispose()
    return steps, own + outputs


def _variants(url: str, batch_size: int) -> dict[str, Callable[[Any, Path], Any]]:
    from aicmo.orchestration import bootstrap
    from aicmo.orchestration.acquisition import run_acquisition
    from aicmo.orchestration.acquisition_output import acquisition_output
    from aicmo.orchestration.durable.acquisition_submit import next_acquisition_id, run_or_continue_acquisition
    from aicmo.orchestration.durable.acquisition_workflow import acquisition_request
    from aicmo.orchestration.durable.engine import launched_for

    bootstrap.prepare_database(url, upgrade=True)
    bootstrap.configure_legacy_database(url)
    launched_for(url)

    def runner(given: Any, path: Path) -> Any:
        ports = bootstrap.routed_ports(url)
        return acquisition_output(run_acquisition(ports, given.campaign, given.leads, given.replies, batch_size=batch_size))

    def workflow(given: Any, path: Path) -> Any:
        named = bootstrap.acquisition_files().leads_file(path)
        request = acquisition_request(given.campaign, named, given.replies, False, batch_size, None, url, {}, None, None)
        return run_or_continue_acquisition(next_acquisition_id(request), request)

    return {"runner, no workflow (before)": runner, "durable workflow (now)": workflow}


def _compare(url: str, folder: Path, rows: int, rounds: int, batch_size: int) -> str:
    from aicmo.orchestration import bootstrap

    files = bootstrap.acquisition_files()
    variants = _variants(url, batch_size)
    times: dict[str, list[float]] = {name: [] for name in variants}
    added: list[int] = []
    steps = 0
    for round_number in range(rounds + 1):
        for index, (name, variant) in enumerate(variants.items()):
            leads = folder / f"leads-{round_number}-{index}.csv"
            write_leads(leads, rows if round_number else batch_size, prefix=f"r{round_number}v{index}n")
            given = files.read_acquisition_input(None, leads, None)
            started = time.perf_counter()
            variant(given, leads)
            seconds = time.perf_counter() - started
            if round_number:
                times[name].append(seconds)
                if "workflow" in name:
                    steps, stored = _checkpoints(url)
                    added.append(stored)
    kind = "SQLite file" if url.startswith("sqlite") else "PostgreSQL"
    plain = statistics.median(times["runner, no workflow (before)"])
    lines = [f"{rows:,} leads in batches of {batch_size}, {kind}, median of {rounds} interleaved rounds, measured by "
             "`python benchmarks/acquisition_batches.py`:", "",
             "| how | wall time | leads/s | ratio |", "|---|---:|---:|---:|"]
    for name, measured in times.items():
        median = statistics.median(measured)
        lines.append(f"| {name} | {median:.1f} s | {rows / median:,.0f} | {median / plain:.2f} |")
    workflow = statistics.median(times["durable workflow (now)"])
    write_headlines("acquisition_batches" + ("" if url.startswith("sqlite") else "_postgresql"), [Headline(
        f"acquisition of {rows:,} leads, durable workflow / no workflow ({kind})",
        f"{workflow:.1f} s / {plain:.1f} s = {workflow / plain:.2f}×")])
    lines += ["", f"The workflow records {steps} steps for it and stores {statistics.median(added) / rows:,.0f} characters per "
              "lead in the engine's tables (its request, each step's result, its output)."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=None, help="leads per run (2,000; 100,000 with --command)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=250)
    parser.add_argument("--database-url", default=None, help="a migrated database (default: an SQLite file in a temporary folder)")
    parser.add_argument("--command", action="store_true", help="time `aicmo acquire` itself, end to end")
    parser.add_argument("--print-only", action="store_true", help="print the table, leave README.md alone")
    args = parser.parse_args()
    if args.command:
        _command(args.rows or 100_000, args.batch_size)
        return
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/aicmo.db"
        table = _compare(url, Path(folder), args.rows or 2_000, args.rounds, args.batch_size)
    print(table)
    if not args.print_only:
        from aicmo.strangler.document_blocks import replace_block

        suffix = "" if url.startswith("sqlite") else "-postgresql"
        replace_block(ROOT / "README.md", *(marker.format(suffix) for marker in MARKERS), table)


if __name__ == "__main__":
    main()
