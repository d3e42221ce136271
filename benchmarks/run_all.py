"""Every benchmark, run in turn: each rewrites its figures in README.md / MIGRATION.md, then one summary table.

    python benchmarks/run_all.py                  # every benchmark but the slow ones, then the summary
    python benchmarks/run_all.py --slow           # the mutation runs too (tens of minutes)
    python benchmarks/run_all.py --only routing --only boundaries
    python benchmarks/run_all.py --summary-only   # the table again from the stored results

Each benchmark runs in a process of its own (so one's imports and caches do not flatter
another's) with its default options, one after another so none shares the machine with
another; each writes its own block of the documents and its headline figures to
``benchmarks/results/headlines/<name>.json``. The summary, ``benchmarks/results/figures.md`` and the
``benchmark-figures`` block of README.md, is built from those files: a figure measured by an
earlier run (a slow benchmark left out) keeps the date it was measured on. A benchmark that
fails is named, the others still run, and the exit status is 1.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from measure import HEADLINES, RESULTS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from aicmo.strangler.document_blocks import replace_block  # noqa: E402

SUMMARY = RESULTS / "figures.md"
# the PostgreSQL server the PostgreSQL variants run on (each in a throwaway database of its own)
SERVER_ENV, SERVER_DEFAULT = "AICMO_BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BEGIN, END = "<!-- benchmark-figures:begin -->", "<!-- benchmark-figures:end -->"


@dataclass(frozen=True)
class Benchmark:
    script: str
    results: tuple[str, ...]  # the names of the results/*.json files it writes
    slow: bool = False
    args: tuple[str, ...] = ()
    # "server": --database-url names the server's database (the benchmark makes its own beside it);
    # "throwaway": a database made for the run and dropped after it
    postgresql: Optional[str] = None

    @property
    def name(self) -> str:
        stem = self.script.removesuffix(".py")
        return f"{stem}_postgresql" if self.postgresql else stem


# in the order a reader meets them: where users wait first, then what the migration costs, then the suites
BENCHMARKS = (
    Benchmark("cli_startup.py", ("cli_startup",)),
    Benchmark("durable_journey.py", ("durable_journey",)),
    Benchmark("new_paths_journey.py", ("new_paths_journey",)),
    Benchmark("routing.py", ("routing",)),
    Benchmark("acl_overhead.py", ("acl_overhead",)),
    Benchmark("shadow_overhead.py", ("shadow_overhead",)),
    Benchmark("shadow_overhead.py", ("shadow_overhead_postgresql",), postgresql="server"),
    Benchmark("boundaries.py", ("boundaries",)),
    Benchmark("ownership_guard.py", ("ownership_guard_sqlite",)),
    Benchmark("acquisition_batches.py", ("acquisition_batches",)),
    Benchmark("acquisition_batches.py", ("acquisition_batches_postgresql",), postgresql="throwaway"),
    Benchmark("acquisition_scale.py", ("acquisition_scale",)),
    Benchmark("journey_workers.py", ("journey_workers",)),
    Benchmark("characterization_figures.py", ("characterization_figures",)),
    Benchmark("reliability_figures.py", ("reliability_figures",)),
    Benchmark("characterization_mutants.py", ("characterization_mutants",), slow=True),
    Benchmark("mutation_score.py", ("mutation_score",), slow=True),
    # the playbook run behind MIGRATION.md's status table and transcript: no headline, its block is the figure
    Benchmark("promotion_run.py", (), slow=True),
)


@contextlib.contextmanager
def database_for(benchmark: Benchmark) -> Iterator[tuple[str, ...]]:
    """The --database-url arguments a PostgreSQL variant runs with; none for the rest."""
    server = os.environ.get(SERVER_ENV, SERVER_DEFAULT)
    if benchmark.postgresql is None:
        yield ()
    elif benchmark.postgresql == "server":
        yield ("--database-url", server)
    else:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        name = f"aicmo_bench_{uuid.uuid4().hex[:10]}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield ("--database-url", make_url(server).set(database=name).render_as_string(hide_password=False))
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def run(benchmark: Benchmark, position: str) -> bool:
    label = benchmark.name
    print(f"{position} {label} …", file=sys.stderr, flush=True)
    started = time.perf_counter()
    try:
        with database_for(benchmark) as database:
            done = subprocess.run([sys.executable, str(Path(__file__).parent / benchmark.script), *benchmark.args, *database],
                                  cwd=ROOT, capture_output=True, text=True, check=False)
    except Exception as exc:  # the server did not answer: this variant fails, the others still run
        print(f"{position} {label} FAILED: {type(exc).__name__}: {str(exc).splitlines()[0]}", file=sys.stderr)
        return False
    took = time.perf_counter() - started
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        print(f"{position} {label} FAILED (exit {done.returncode}, {took:.0f} s):", *tail, sep="\n  ", file=sys.stderr)
        return False
    print(f"{position} {label} done in {took:.0f} s", file=sys.stderr, flush=True)
    return True


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def summary(benchmarks: tuple[Benchmark, ...], failed: set[str]) -> str:
    lines = ["The headline figures of README.md and MIGRATION.md, as `python benchmarks/run_all.py` last measured "
             "them; each benchmark's own block in the documents has its full table and the machine's load.", "",
             "| benchmark | what | measured | goal | met | measured on |", "|---|---|---|---|---|---|"]
    for benchmark in (b for b in benchmarks if b.results):
        label = f"`{benchmark.script}`" + (" (PostgreSQL)" if benchmark.postgresql else "")
        stored = [HEADLINES / f"{name}.json" for name in benchmark.results]
        found = [json.loads(path.read_text(encoding="utf-8")) for path in stored if path.exists()]
        if not found:
            state = "failed" if benchmark.name in failed else "not run yet"
            lines.append(f"| {label} | – | {state} | | | |")
            continue
        for result in found:
            for headline in result["headlines"]:
                met = {True: "yes", False: "**no**", None: ""}[headline["met"]]
                stale = " (failed since)" if benchmark.name in failed else ""
                lines.append(f"| {label} | {_cell(headline['what'])} | {_cell(headline['measured'])} | "
                             f"{_cell(headline['goal'])} | {met} | {result.get('measured_on', '–')}{stale} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow", action="store_true", help="run the mutation benchmarks too (tens of minutes)")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="run only this benchmark (its file name without .py; repeatable)")
    parser.add_argument("--summary-only", action="store_true", help="run nothing: rebuild the summary from stored results")
    args = parser.parse_args()
    known = {b.name for b in BENCHMARKS}
    unknown = sorted(set(args.only) - known)
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    chosen = [b for b in BENCHMARKS if (b.name in args.only if args.only else args.slow or not b.slow)]
    failed: set[str] = set()
    if not args.summary_only:
        for number, benchmark in enumerate(chosen, 1):
            if not run(benchmark, f"[{number}/{len(chosen)}]"):
                failed.add(benchmark.name)
    text = summary(BENCHMARKS, failed)
    SUMMARY.write_text(text + "\n", encoding="utf-8")
    replace_block(ROOT / "README.md", BEGIN, END, text)
    print(f"summary written to {SUMMARY.relative_to(ROOT)} and README.md", file=sys.stderr)
    if failed:
        print(f"failed: {', '.join(sorted(failed))}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
