"""What the new paths cost a journey: every module on legacy against the migrated modules on new, interleaved.

    python benchmarks/new_paths_journey.py                 # 24 rounds, rewrites MIGRATION.md's block
    python benchmarks/new_paths_journey.py --rounds 5 --print-only

The journey `aicmo run` runs (the durable workflow), on one SQLite file set up as the application
sets it up, the example intakes in turn, once with every module on legacy and once with each
module that has a new implementation routed to `new` (the `--route` overrides), in an order
rotated every round so a slow moment of the machine falls on both; the first round warms up
and is left out. Per journey: wall time, CPU time of the process, and the transactions that
wrote to the application's database and to the workflow engine's. Medians with the
interquartile range, ratios of medians to the all-legacy journey, written between the
``new-paths-journey`` markers of MIGRATION.md.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

from durable_journey import APP_FILE, EXAMPLES, ROOT, Samples, _quartiles, _rounds
from sqlite_commits import CommitCounter

sys.path.insert(0, str(ROOT))
from aicmo.strangler.document_blocks import replace_block  # noqa: E402

BEGIN, END = "<!-- new-paths-journey:begin -->", "<!-- new-paths-journey:end -->"
LEGACY = "every module on legacy"


def _flows(url: str, out_dir: str) -> dict[str, Callable[[Any], Any]]:
    from aicmo.orchestration import bootstrap
    from aicmo.orchestration.durable.engine import launched_for
    from aicmo.orchestration.durable.submit import next_journey_id, run_journey
    from aicmo.orchestration.durable.workflow import journey_request

    bootstrap.prepare_database(url, upgrade=True)
    bootstrap.configure_legacy_database(url)
    launched_for(url)
    migrated = {module: "new" for module in bootstrap.NEW_IMPLEMENTATIONS}

    def journey(routes: dict[str, str]) -> Callable[[Any], Any]:
        return lambda intake: run_journey(next_journey_id(intake, out_dir), journey_request(intake, out_dir, url, routes, None, None))

    return {LEGACY: journey({}), f"{', '.join(migrated)} on new": journey(migrated)}


def _table(samples: dict[str, Samples]) -> str:
    base = samples[LEGACY]
    base_wall, base_cpu = statistics.median(base.wall), statistics.median(base.cpu)
    lines = ["| routes | wall ms: median (IQR) | × legacy | CPU ms: median (IQR) | × legacy "
             "| commits that wrote: application db | workflow system db |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, measured in samples.items():
        w1, wall, w3 = (v * 1000 for v in _quartiles(measured.wall))
        c1, cpu, c3 = (v * 1000 for v in _quartiles(measured.cpu))
        lines.append(f"| {name} | {wall:.1f} ({w1:.1f}–{w3:.1f}) | {wall / (base_wall * 1000):.2f} "
                     f"| {cpu:.1f} ({c1:.1f}–{c3:.1f}) | {cpu / (base_cpu * 1000):.2f} "
                     f"| {statistics.median(measured.app_commits):g} | {statistics.median(measured.system_commits):g} |")
    return "\n".join(lines)


def main() -> None:
    from aicmo.orchestration import bootstrap
    from aicmo.orchestration.durable.engine import shut_down

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=24)
    parser.add_argument("--print-only", action="store_true", help="print the table, leave MIGRATION.md alone")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # the packager warns on every skipped delivery gate
    commits = CommitCounter().install()  # before any engine connects
    load_before = os.getloadavg()[0]
    intakes = [bootstrap.intake_requests().intake_from_request(json.loads(p.read_text())) for p in EXAMPLES]
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        try:
            samples = _rounds(_flows(f"sqlite:///{folder}/{APP_FILE}", str(Path(folder) / "out")), intakes, args.rounds, commits)
        finally:
            shut_down()
            os.chdir(ROOT)
    text = (f"Per journey (`aicmo run`'s durable workflow, SQLite, the example intakes in turn), {args.rounds} rounds, "
            f"the routes interleaved (load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after):\n\n"
            f"{_table(samples)}\n")
    print(text)
    if not args.print_only:
        replace_block(ROOT / "MIGRATION.md", BEGIN, END, text)


if __name__ == "__main__":
    main()
