"""What a journey costs: the durable workflow against the legacy operator flow, interleaved in one process.

    python benchmarks/durable_journey.py                  # 24 rounds per level, rewrites MIGRATION.md's block
    python benchmarks/durable_journey.py --rounds 5 --levels normal --print-only

One SQLite file in a temporary folder takes every journey (the example intakes in turn), set
up as the application sets it up (`prepare_database`, legacy pointed at it, the workflow engine
launched on its system database). Each round runs the legacy flow, the port runner without the
workflow engine, and the durable workflow, in an order rotated every round, so a slow moment of
the machine falls on all three; the first round warms up and is left out (`measure.py`'s interleaving). Per journey it
measures wall time, CPU time of the process (every thread: the engine's own included) and the
transactions that wrote, per file, counted on every SQLite connection the process opens
(`sqlite_commits.py`): the application's database and the workflow engine's system database.
Medians with the interquartile range; ratios of medians to the legacy flow. Then more rounds
with timers say where the time goes (`journey_breakdown.py`). Both are measured for each
``AICMO_SQLITE_SYNCHRONOUS`` level, the levels taking turns in blocks, each block on a database
of its own, and written between the ``durable-journey`` markers of MIGRATION.md; the headline
figures (each path's wall time × the legacy flow's at the default setting, against the goals of
1.1× for the port runner and 1.3× for the workflow) go to ``results/durable_journey.json``.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from journey_breakdown import COLUMNS, COUNTS, Timers, timed
from measure import Headline, Samples, interleaved, write_headlines
from sqlite_commits import CommitCounter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXAMPLES = sorted((ROOT / "examples").glob("intake_*.json"))
BEGIN, END = "<!-- durable-journey:begin -->", "<!-- durable-journey:end -->"
APP_FILE, SYSTEM_FILE = "aicmo.db", "aicmo.dbos.db"
LEGACY, RUNNER, DURABLE = "legacy flow", "port runner", "durable workflow"
INDENT = "     "
GOALS = {RUNNER: 1.1, DURABLE: 1.3}  # × the legacy flow's wall time per journey


def _flows(url: str, out_dir: str) -> dict[str, Callable[[Any], Any]]:
    from aicmo.orchestration import bootstrap
    from aicmo.orchestration.durable.engine import launched_for
    from aicmo.orchestration.durable.submit import next_journey_id, run_journey
    from aicmo.orchestration.durable.workflow import journey_request
    from aicmo.orchestration.journey import run_client_journey
    from aicmo.orchestration.journey_output import journey_output

    # as `aicmo run` prepares it
    bootstrap.prepare_database(url, upgrade=True)
    bootstrap.configure_legacy_database(url)
    launched_for(url)
    operator_flow = bootstrap.legacy_operator_flow()

    def durable(intake: Any) -> Any:
        return run_journey(next_journey_id(intake, out_dir), journey_request(intake, out_dir, url, {}, None, None))

    return {
        LEGACY: lambda intake: operator_flow.run_client_journey(intake.model_dump(mode="json"), out_dir=out_dir),
        RUNNER: lambda intake: journey_output(run_client_journey(bootstrap.routed_ports(url), intake, out_dir=out_dir)),
        DURABLE: durable,
    }


@dataclass
class JourneySamples(Samples):
    """One path's measurements, one entry per journey: the kit's wall and CPU, and what the journey committed."""

    app_commits: list[int] = field(default_factory=list)
    system_commits: list[int] = field(default_factory=list)
    parts: list[dict[str, float]] = field(default_factory=list)  # seconds per journey_breakdown column (timed rounds only)


class _Journeys:
    """One path as the kit's callable: each call runs the next example intake and records its commits.

    The kit times the call; the commits (and, in the rounds with timers, the split of the
    call's own wall time) are read here, after the journey, and the warm-up round's are dropped
    as the kit drops its times.
    """

    def __init__(self, name: str, flow: Callable[[Any], Any], intakes: list[Any], commits: CommitCounter,
                 timers: Optional[Timers]) -> None:
        self.name, self.flow, self.intakes, self.commits, self.timers = name, flow, intakes, commits, timers
        self.calls, self.recorded = 0, JourneySamples()

    def __call__(self) -> None:
        intake = self.intakes[self.calls % len(self.intakes)]  # every path runs the same intake in a round
        self.commits.reset()
        if self.timers is not None:
            self.timers.reset()
        started = time.perf_counter()
        self.flow(intake)
        wall = time.perf_counter() - started
        if self.calls:  # the first round warms up
            writes, _reads = self.commits.snapshot()
            self.recorded.app_commits.append(writes[APP_FILE])
            self.recorded.system_commits.append(writes[SYSTEM_FILE])
            if self.timers is not None:
                self.recorded.parts.append(self.timers.split(wall, durable=self.name == DURABLE))
        self.calls += 1


def _rounds(flows: dict[str, Callable[[Any], Any]], intakes: list[Any], rounds: int, commits: CommitCounter,
            timers: Optional[Timers] = None) -> dict[str, JourneySamples]:
    """The paths interleaved by the kit (order rotated every round, first round left out), one journey each per round."""
    journeys = {name: _Journeys(name, flow, intakes, commits, timers) for name, flow in flows.items()}
    timed_samples = interleaved(journeys, rounds)
    for name, journey in journeys.items():
        journey.recorded.wall, journey.recorded.cpu = timed_samples[name].wall, timed_samples[name].cpu
    return {name: journey.recorded for name, journey in journeys.items()}


def _measure(rounds: int, breakdown_rounds: int, commits: CommitCounter) -> tuple[dict[str, JourneySamples], dict[str, JourneySamples]]:
    """The clean rounds, then the rounds with timers, on one database."""
    from aicmo.orchestration import bootstrap
    from aicmo.orchestration.durable.engine import shut_down

    intakes = [bootstrap.intake_requests().intake_from_request(json.loads(p.read_text())) for p in EXAMPLES]
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        try:
            flows = _flows(f"sqlite:///{folder}/{APP_FILE}", str(Path(folder) / "out"))
            clean = _rounds(flows, intakes, rounds, commits)
            timers = Timers()
            with timed(timers, commits):
                parts = _rounds(flows, intakes, breakdown_rounds, commits, timers)
        finally:
            shut_down()
            os.chdir(ROOT)
        return clean, parts


def _table(samples: dict[str, JourneySamples]) -> str:
    legacy = samples[LEGACY]
    lines = [
        "| path | wall ms: median (IQR) | × legacy | CPU ms: median (IQR) | × legacy "
        "| commits that wrote: application db | workflow system db |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, measured in samples.items():
        wall, cpu = measured.cells()
        wall_ratio, cpu_ratio = measured.ratio_to(legacy)
        app = statistics.median(measured.app_commits)
        system = statistics.median(measured.system_commits)
        lines.append(f"| {name} | {wall} | {wall_ratio:.2f} | {cpu} | {cpu_ratio:.2f} | {app:g} | {system:g} |")
    return "\n".join(lines)


def _breakdown(samples: dict[str, JourneySamples]) -> str:
    heads = ("wall", *COLUMNS, *COUNTS)
    lines = ["| path | " + " | ".join(heads) + " |", "|---|" + "---:|" * len(heads)]
    for name, measured in samples.items():
        times = [statistics.median(measured.wall)] + [statistics.median(p[column] for p in measured.parts) for column in COLUMNS]
        counts = [statistics.median(p[column] for p in measured.parts) for column in COUNTS]
        lines.append(f"| {name} | " + " | ".join([f"{t * 1000:.1f}" for t in times] + [f"{c:g}" for c in counts]) + " |")
    return "\n".join(lines)


def _merge(into: dict[str, JourneySamples], more: dict[str, JourneySamples]) -> dict[str, JourneySamples]:
    for name, measured in more.items():
        target = into.setdefault(name, JourneySamples())
        for field in ("wall", "cpu", "app_commits", "system_commits", "parts"):
            getattr(target, field).extend(getattr(measured, field))
    return into


def _text(level: str, clean: dict[str, JourneySamples], parts: dict[str, JourneySamples], args: argparse.Namespace) -> str:
    return (
        f"WAL, synchronous={level}: per journey, {args.rounds} rounds, the paths interleaved:\n\n{_table(clean)}\n\n"
        f"Where the wall time goes, medians in ms over {args.breakdown_rounds} more rounds with timers "
        f"(`benchmarks/journey_breakdown.py` says what each column holds; the timers add their own cost):\n\n"
        f"{_breakdown(parts)}\n"
    )


def _headlines(samples: dict[str, JourneySamples], level: str) -> list[Headline]:
    """Per journey, wall time × the legacy flow's, against the goal, at the default setting."""
    headlines = []
    for name, goal in GOALS.items():
        ratio, _cpu = samples[name].ratio_to(samples[LEGACY])
        headlines.append(Headline(f"{name} × legacy flow, per journey (SQLite, synchronous={level})",
                                  f"{ratio:.2f}×", f"≤ {goal}×", ratio <= goal))
    return headlines


def main() -> None:
    from aicmo.shared.persistence.sqlite_durability import DEFAULT_SYNCHRONOUS, LEVELS, SYNCHRONOUS_ENV

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=24, help="rounds per level (over all blocks)")
    parser.add_argument("--breakdown-rounds", type=int, default=12, help="extra rounds with timers per level (where the time goes)")
    parser.add_argument("--levels", default=",".join(LEVELS), help="AICMO_SQLITE_SYNCHRONOUS levels to measure")
    parser.add_argument("--blocks", type=int, default=4, help="the levels take turns this many times")
    parser.add_argument("--print-only", action="store_true", help="print the tables, leave MIGRATION.md alone")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # the packager warns on every skipped delivery gate
    commits = CommitCounter().install()  # before any engine connects
    levels = [level.strip().upper() for level in args.levels.split(",")]
    load_before = os.getloadavg()[0]
    clean: dict[str, dict[str, JourneySamples]] = {level: {} for level in levels}
    parts: dict[str, dict[str, JourneySamples]] = {level: {} for level in levels}
    for block in range(args.blocks):
        for level in levels:
            # a database of its own per block and level: its engines read the level when they are built
            os.environ[SYNCHRONOUS_ENV] = level
            rounds = args.rounds // args.blocks + (block < args.rounds % args.blocks)
            timed_rounds = args.breakdown_rounds // args.blocks + (block < args.breakdown_rounds % args.blocks)
            measured, broken_down = _measure(rounds, timed_rounds, commits)
            _merge(clean[level], measured)
            _merge(parts[level], broken_down)
    # the machine's load says how far the wall times can be trusted: CPU time and the counts hold better
    load = f"load average {load_before:.1f} then {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    texts = [_text(level, clean[level], parts[level], args) for level in levels]
    print(load, *texts, sep="\n")
    headline_level = DEFAULT_SYNCHRONOUS if DEFAULT_SYNCHRONOUS in levels else levels[0]
    headlines = _headlines(clean[headline_level], headline_level)
    for headline in headlines:
        print(f"{headline.what}: {headline.measured} (goal {headline.goal}: {'met' if headline.met else 'not met'})")
    if not args.print_only:
        from aicmo.strangler.document_blocks import replace_block

        write_headlines("durable_journey", headlines)

        text = (f"Measured by `python benchmarks/durable_journey.py` ({load}); the settings take turns in {args.blocks} "
                f"blocks, each on an SQLite file of its own, so a busy moment of the machine falls on both.\n\n"
                + "\n".join(texts))
        # the block sits in a list item of decision 4: every line indented as the item's text, the markers too
        replace_block(ROOT / "MIGRATION.md", BEGIN, INDENT + END, textwrap.indent(text, INDENT))


if __name__ == "__main__":
    main()
