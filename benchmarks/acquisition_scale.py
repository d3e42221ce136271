"""`aicmo acquire` at real sizes: 100,000 leads on a fresh SQLite file, its time, rate and peak memory.

    python benchmarks/acquisition_scale.py [--leads 100000] [--small 1000] [--rounds 3] [--route new]
                                           [--print-only]

Writes a deterministic leads file (the example leads repeated, every e-mail made unique) and
runs the real command on it, `aicmo acquire LEADS --route cam=new --json OUT` in a process of
its own on a fresh SQLite file, exactly as a user runs it: wall and CPU seconds, leads per
second, and the process's peak resident memory (ru_maxrss of that process alone). The same
at a tenth of the size, so the two peaks show whether memory grows with the file. Then the
cost per lead of the new path against legacy's (`--route cam=legacy`), interleaved round by
round on a small file (legacy at 100,000 leads would take many minutes), and their ratio.
When cam has no new implementation to route to, the big run goes through legacy and says so.

Writes its headline (goal: 100,000 leads in 60 s or less) and the table between the
``acquisition-scale`` markers of README.md.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from acquisition_batches import write_leads
from measure import Headline, Samples, interleaved, load_average, write_headlines

ROOT = Path(__file__).resolve().parent.parent
MARKERS = "<!-- acquisition-scale:begin -->", "<!-- acquisition-scale:end -->"
GOAL_SECONDS = 60.0
GOAL_LEADS = 100_000


@dataclass(frozen=True)
class Run:
    leads: int
    route: str
    wall: float
    cpu: float
    peak_mib: float

    @property
    def rate(self) -> float:
        return self.leads / self.wall


def acquire(folder: Path, leads_file: Path, route: str, tag: str) -> Run:
    """The command in a child process on a fresh SQLite file; its own resource usage, read by wait4."""
    url = f"sqlite:///{folder / f'{tag}.db'}"
    command = [sys.executable, "-m", "aicmo.cli", "acquire", str(leads_file), "--route", f"cam={route}",
               "--database-url", url, "--json", str(folder / f"{tag}.json")]
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # wait4, not wait: the rusage of this child alone (RUSAGE_CHILDREN would keep the largest of all of them)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    errors = child.stderr.read().decode(errors="replace") if child.stderr else ""
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"aicmo acquire --route cam={route} on {leads_file.name} failed ({child.returncode}):\n{errors[-2000:]}")
    leads = sum(1 for _ in leads_file.open(encoding="utf-8")) - 1
    # ru_maxrss is in KiB on Linux
    return Run(leads, route, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def new_route_available() -> bool:
    sys.path.insert(0, str(ROOT))
    from aicmo.orchestration import bootstrap

    return "cam" in bootstrap.NEW_IMPLEMENTATIONS


def per_lead(folder: Path, leads: int, rounds: int, routes: list[str]) -> dict[str, Samples]:
    """Each route's seconds per lead on a file of ``leads``, the routes interleaved round by round, each on a fresh file.

    The times are the child process's own (its wall clock and its CPU, read by wait4), not this process's.
    """
    small = folder / "small.csv"
    write_leads(small, leads, prefix="s")
    runs: dict[str, list[Run]] = {route: [] for route in routes}
    counter = iter(range(10**6))
    interleaved({route: (lambda route=route: runs[route].append(acquire(folder, small, route, f"small-{route}-{next(counter)}")))
                 for route in routes}, rounds=rounds)
    # interleaved leaves the warm-up round out of its own samples; the same here
    return {route: Samples([r.wall / leads for r in measured[1:]], [r.cpu / leads for r in measured[1:]])
            for route, measured in runs.items()}


def table(big: Run, tenth: Run, small: dict[str, Samples], small_leads: int, rounds: int) -> str:
    lines = [f"`aicmo acquire` on a fresh SQLite file, each run a process of its own ({load_average()}), "
             "measured by `python benchmarks/acquisition_scale.py`:", "",
             "| leads | route | wall | CPU | leads/s | peak memory |", "|---:|---|---:|---:|---:|---:|"]
    for run in (tenth, big):
        lines.append(f"| {run.leads:,} | cam={run.route} | {run.wall:.1f} s | {run.cpu:.1f} s | {run.rate:,.0f} | "
                     f"{run.peak_mib:,.0f} MiB |")
    lines += ["", f"Per lead on a file of {small_leads:,} leads, the routes interleaved, median of {rounds} rounds "
              "(each a whole command, its start-up included):", "", "| route | wall per lead | CPU per lead | ratio to legacy |",
              "|---|---:|---:|---:|"]
    legacy = small.get("legacy")
    for route, samples in small.items():
        ratio = f"{samples.wall_median / legacy.wall_median:.2f}" if legacy else "–"
        wall, cpu = samples.cells(scale=1e3, digits=2)
        lines.append(f"| cam={route} | {wall} ms | {cpu} ms | {ratio} |")
    if big.route != "new":
        lines += ["", "cam has no new implementation on this code yet: the large runs went through legacy."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=GOAL_LEADS, help="leads in the large file (100,000)")
    parser.add_argument("--small", type=int, default=1_000, help="leads in the file the routes are compared on")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of the comparison")
    parser.add_argument("--print-only", action="store_true", help="print the table, leave README.md and the headline alone")
    args = parser.parse_args()
    route = "new" if new_route_available() else "legacy"
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        big_file, tenth_file = folder / "leads.csv", folder / "tenth.csv"
        write_leads(big_file, args.leads)
        write_leads(tenth_file, max(1, args.leads // 10), prefix="t")
        tenth = acquire(folder, tenth_file, route, "tenth")
        big = acquire(folder, big_file, route, "big")
        small = per_lead(folder, args.small, args.rounds, ["legacy", "new"] if route == "new" else ["legacy"])
    text = table(big, tenth, small, args.small, args.rounds)
    print(text)
    if args.print_only:
        return
    at_goal = big.leads >= GOAL_LEADS
    write_headlines("acquisition_scale", [
        Headline(f"`aicmo acquire` of {big.leads:,} leads, SQLite, cam={route}", f"{big.wall:.1f} s ({big.rate:,.0f} leads/s)",
                 f"≤ {GOAL_SECONDS:.0f} s for {GOAL_LEADS:,}", (big.wall <= GOAL_SECONDS and route == "new") if at_goal else None),
        Headline(f"peak memory at {tenth.leads:,} / {big.leads:,} leads", f"{tenth.peak_mib:,.0f} / {big.peak_mib:,.0f} MiB",
                 "flat in the file's size", big.peak_mib <= tenth.peak_mib * 1.25),
    ])
    from aicmo.strangler.document_blocks import replace_block

    replace_block(ROOT / "README.md", *MARKERS, text)


if __name__ == "__main__":
    main()
