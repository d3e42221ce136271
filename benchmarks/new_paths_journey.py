"""What the new paths cost a journey: every module on legacy against the migrated modules on new, and qc alone on new, interleaved.

    python benchmarks/new_paths_journey.py                 # 24 rounds, rewrites MIGRATION.md's block
    python benchmarks/new_paths_journey.py --rounds 5 --print-only

The journey `aicmo run` runs (the durable workflow), on one SQLite file set up as the application
sets it up, the example intakes in turn: with every module on legacy, with each module that has
a new implementation routed to `new` (the `--route` overrides), and with qc alone on `new`, in
an order rotated every round by `measure.py` so a slow moment of the machine falls on all; the
first round warms up and is left out. Per journey: wall time, CPU time of the process, and the
transactions that wrote to the application's database and to the workflow engine's. Medians
with the interquartile range, ratios of medians to the all-legacy journey, written between the
``new-paths-journey`` markers of MIGRATION.md. The headlines (``results/new_paths_journey.json``):
the migrated modules on new × all legacy, and qc's throughput over whole journeys, new against
legacy (journeys per second, the all-legacy median over the qc-on-new one; goal ≥ 1.0).
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

from durable_journey import APP_FILE, EXAMPLES, ROOT, JourneySamples, _rounds
from measure import Headline, load_average, write_headlines
from sqlite_commits import CommitCounter

sys.path.insert(0, str(ROOT))
from aicmo.strangler.document_blocks import replace_block  # noqa: E402

BEGIN, END = "<!-- new-paths-journey:begin -->", "<!-- new-paths-journey:end -->"
LEGACY, QC_NEW = "every module on legacy", "qc on new"
QC_THROUGHPUT_GOAL = 1.0


def _flows(url: str, out_dir: str) -> tuple[dict[str, Callable[[Any], Any]], str]:
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

    all_new = f"{', '.join(migrated)} on new"
    return {LEGACY: journey({}), all_new: journey(migrated), QC_NEW: journey({"qc": "new"})}, all_new


def _table(samples: dict[str, JourneySamples]) -> str:
    base = samples[LEGACY]
    lines = ["| routes | wall ms: median (IQR) | × legacy | CPU ms: median (IQR) | × legacy "
             "| commits that wrote: application db | workflow system db |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, measured in samples.items():
        wall, cpu = measured.cells()
        wall_ratio, cpu_ratio = measured.ratio_to(base)
        lines.append(f"| {name} | {wall} | {wall_ratio:.2f} | {cpu} | {cpu_ratio:.2f} "
                     f"| {statistics.median(measured.app_commits):g} | {statistics.median(measured.system_commits):g} |")
    return "\n".join(lines)


def _headlines(samples: dict[str, JourneySamples], all_new: str) -> list[Headline]:
    migrated, _cpu = samples[all_new].ratio_to(samples[LEGACY])
    # throughput is journeys per second: legacy's time per journey over qc-on-new's
    qc_wall, qc_cpu = samples[QC_NEW].ratio_to(samples[LEGACY])
    return [
        Headline(f"{all_new} × all legacy, per journey (durable workflow, SQLite)", f"{migrated:.2f}×"),
        Headline("qc new ÷ legacy throughput over whole journeys (wall; CPU in brackets)",
                 f"{1 / qc_wall:.2f} ({1 / qc_cpu:.2f})", f"≥ {QC_THROUGHPUT_GOAL}", 1 / qc_wall >= QC_THROUGHPUT_GOAL),
    ]


def main() -> None:
    from aicmo.orchestration import bootstrap
    from aicmo.orchestration.durable.engine import shut_down

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=24)
    parser.add_argument("--print-only", action="store_true", help="print the table, leave MIGRATION.md alone")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # the packager warns on every skipped delivery gate
    commits = CommitCounter().install()  # before any engine connects
    load_before = load_average()
    intakes = [bootstrap.intake_requests().intake_from_request(json.loads(p.read_text())) for p in EXAMPLES]
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        try:
            flows, all_new = _flows(f"sqlite:///{folder}/{APP_FILE}", str(Path(folder) / "out"))
            samples = _rounds(flows, intakes, args.rounds, commits)
        finally:
            shut_down()
            os.chdir(ROOT)
    headlines = _headlines(samples, all_new)
    text = (f"Per journey (`aicmo run`'s durable workflow, SQLite, the example intakes in turn), {args.rounds} rounds, "
            f"the routes interleaved ({load_before} before, {load_average()} after):\n\n"
            f"{_table(samples)}\n\n"
            f"qc on its new path against legacy qc, over whole journeys: {headlines[1].measured} of legacy's "
            f"journeys per second (goal {headlines[1].goal}).\n")
    print(text)
    if not args.print_only:
        write_headlines("new_paths_journey", headlines)
        replace_block(ROOT / "MIGRATION.md", BEGIN, END, text)


if __name__ == "__main__":
    main()
