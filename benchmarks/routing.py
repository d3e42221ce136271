"""What routing costs the application: setting up a unit of work's ports, and a call through them.

Everything timed is what the application installs, on a migrated SQLite file:

- set-up: `bootstrap.routed_ports(url)` as a unit of work calls it: with the routes stored in
  the tables (every module on legacy), and with every module that has a new implementation on
  new (`--route`), and the same after a route change, which makes it re-read the route tables;
- a first call: the set-up plus the first call of a module on new, which binds the method and
  builds the new port (and its legacy view);
- a routed call: `ports.qc.check_creative(...)` through the bundle `routed_ports` returned, qc
  on new (its `RoutedPort`, the lazily built port and the legacy view wrapper as installed),
  against calling the new implementation directly. The implementation's own work is replaced by
  a no-op in both, so the difference is what routing adds to a call.

The paths of each group are interleaved round by round (benchmarks/measure.py); CPU and wall,
median (interquartile range). Writes the block between the `routing` markers of README.md and
benchmarks/results/routing.json.

    python benchmarks/routing.py               # 21 rounds
    python benchmarks/routing.py --rounds 5 --print-only
    python benchmarks/routing.py --database-url postgresql+psycopg://USER@HOST/DB   # printed only
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Headline, Samples, interleaved, load_average, write_headlines  # noqa: E402

from aicmo.orchestration import bootstrap  # noqa: E402
from aicmo.shared.clock import SystemClock  # noqa: E402
from aicmo.shared.text_generation import TEXT_GENERATOR  # noqa: E402
from aicmo.strangler.document_blocks import replace_block  # noqa: E402
from aicmo.strangler.routes import Route  # noqa: E402
from aicmo.strangler.routes.snapshot_cache import route_snapshots  # noqa: E402
from aicmo.strangler.schema import strangler_sessions  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- routing:begin -->", "<!-- routing:end -->"
SETUP_GOAL_US = 100
DISPATCH_GOAL_US = 1.0
SETUP_CALLS = 200
DISPATCH_CALLS = 20_000


def _no_op_leaf(implementation: Any, name: str) -> None:
    """The implementation's `name` doing nothing, on its class: both paths reach the same no-op."""
    setattr(type(implementation), name, lambda self, *args, **kwargs: None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--print-only", action="store_true", help="print the table, leave README.md and results/ alone")
    parser.add_argument("--database-url", help="an empty database instead of a fresh SQLite file (then --print-only)")
    args = parser.parse_args()
    if args.database_url:
        args.print_only = True  # the README's figures are the SQLite file's

    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/routing.db"
    engine = bootstrap.prepare_database(url, upgrade=True)
    bootstrap.configure_legacy_database(url)
    snapshots = route_snapshots(engine, strangler_sessions(engine))
    on_new = {module: Route.NEW for module in bootstrap.NEW_IMPLEMENTATIONS}

    def after_a_change() -> None:
        snapshots.invalidate()  # what a route change does to the next unit of work: the tables are read again
        bootstrap.routed_ports(url)

    def first_call() -> None:
        bootstrap.routed_ports(url, on_new).qc.check_creative(None)

    direct = bootstrap.DESCRIPTORS["qc"].build(engine, SystemClock(), {"production": None, TEXT_GENERATOR: None})
    _no_op_leaf(direct, "check_creative")
    installed = bootstrap.routed_ports(url, on_new)
    installed.qc.check_creative(None)  # the unit of work's first call binds the method, as in the application

    setup = interleaved({
        "routed_ports (stored routes)": lambda: bootstrap.routed_ports(url),
        f"routed_ports (--route {', '.join(f'{m}=new' for m in on_new)})": lambda: bootstrap.routed_ports(url, on_new),
        "routed_ports after a route change": after_a_change,
        "routed_ports + first call on new (qc)": first_call,
    }, rounds=args.rounds, calls=SETUP_CALLS)
    calls = interleaved({
        "qc.check_creative, implementation called directly": lambda: direct.check_creative(None),
        "qc.check_creative through routed_ports' bundle (qc on new)": lambda: installed.qc.check_creative(None),
    }, rounds=args.rounds, calls=DISPATCH_CALLS)

    stored = setup["routed_ports (stored routes)"]
    direct_samples, routed_samples = calls.values()
    dispatch_cpu_us = (routed_samples.cpu_median - direct_samples.cpu_median) * 1e6
    dispatch_wall_us = (routed_samples.wall_median - direct_samples.wall_median) * 1e6
    table = _table(setup, calls, dispatch_wall_us, dispatch_cpu_us)
    where = "a migrated SQLite file" if args.database_url is None else engine.dialect.name
    text = (f"Per unit of work and per call, median (interquartile range) over {args.rounds} rounds, {where}, "
            f"{load_average()}; measured by `python benchmarks/routing.py`:\n\n{table}\n")
    print(text)
    if args.print_only:
        return
    replace_block(ROOT / "README.md", BEGIN, END, text)
    setup_us = stored.cpu_median * 1e6
    write_headlines("routing", [
        Headline("routed_ports() set-up per unit of work (CPU)", f"{setup_us:.0f} µs", f"≤ {SETUP_GOAL_US} µs", setup_us <= SETUP_GOAL_US),
        Headline("routed call dispatch as installed (CPU, over a direct call)", f"{dispatch_cpu_us:.2f} µs",
                 f"≤ {DISPATCH_GOAL_US:g} µs", dispatch_cpu_us <= DISPATCH_GOAL_US),
    ])


def _table(setup: dict[str, Samples], calls: dict[str, Samples], dispatch_wall_us: float, dispatch_cpu_us: float) -> str:
    lines = ["| what | wall µs | CPU µs |", "|---|---:|---:|"]
    for name, samples in {**setup, **calls}.items():
        wall, cpu = samples.cells(scale=1e6, digits=2 if samples in calls.values() else 0)
        lines.append(f"| {name} | {wall} | {cpu} |")
    lines.append(f"| **routing's cost per call** (through the bundle − direct) | {dispatch_wall_us:.2f} | {dispatch_cpu_us:.2f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
