"""What a shadow call costs the caller, what a comparison stores, and what `aicmo shadow report` takes.

Per call, interleaved round by round (benchmarks/measure.py), on a SQLite file (or
``--database-url``): the legacy call alone; the same call shadowed by the installed
`ShadowRunner` with a candidate that does nothing but answer (so only isolation and comparison
are measured), first without recording, then recording into the process's batch (each sample
holds as many calls as a batch holds rows, so each includes exactly one flush: the cost is
amortized as the application pays it), then committing each comparison on its own (how every
comparison was recorded before batching). The request is a DTO of the size of a journey's QC
request (~46 KB as JSON).

Stored bytes per matched comparison: the database's growth over N comparisons recorded by the
runner, against N rows keeping the whole inputs (what every comparison stored before).

`aicmo shadow report --format json` at 10k and 100k comparisons (inserted in bulk first, a mix
of matches, declared divergences, unexplained mismatches and candidate faults): the CLI's wall
time end to end in a subprocess, and inside one the report's own time and its peak of Python
memory (tracemalloc).

    python benchmarks/shadow_overhead.py                     # SQLite file in a temporary directory
    python benchmarks/shadow_overhead.py --rounds 5 --print-only
    python benchmarks/shadow_overhead.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres

The figures go to README.md, a SQLite run's and a PostgreSQL run's each between their markers.
With --database-url a throwaway database is created next to the one named (the comparison
tables are append-only: the benchmark never writes into a database it did not create) and
dropped at the end.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.measure import Headline, interleaved, load_average, write_headlines  # noqa: E402
from aicmo.strangler.dispatch import ShadowRunner  # noqa: E402
from aicmo.strangler.document_blocks import replace_block  # noqa: E402
from aicmo.strangler.evidence import EvidenceRecorder  # noqa: E402
from aicmo.strangler.evidence.comparison_batch import PENDING, flush_comparisons  # noqa: E402
from aicmo.strangler.evidence.recording import comparison_row  # noqa: E402
from aicmo.strangler.evidence.tables import ShadowComparisonRow  # noqa: E402
from aicmo.strangler.schema import open_database  # noqa: E402

BEGIN, END = "<!-- shadow-overhead:begin -->", "<!-- shadow-overhead:end -->"
PG_BEGIN, PG_END = "<!-- shadow-overhead-postgresql:begin -->", "<!-- shadow-overhead-postgresql:end -->"
ISOLATION_GOAL_US = 50
RECORDING_GOAL_US = 100
REPORT_GOAL_S = 0.5
REPORT_SIZES = (10_000, 100_000)


class Creative(BaseModel):
    creative_id: str
    channel: str
    headline: str
    body: str


class Request(BaseModel):
    """As big as a journey's QC request: its creatives' texts are most of it."""

    client_id: str
    strategy: str
    creatives: list[Creative]


class Verdict(BaseModel):
    verdict: str
    scores: list[float]


def request(number: int) -> Request:
    rng = random.Random(number)
    words = ["brand", "reach", "launch", "audience", "growth", "story", "offer", "trial", "social", "search"]
    prose = lambda n: " ".join(rng.choice(words) for _ in range(n))  # noqa: E731
    return Request(client_id=f"c-{number}", strategy=prose(400), creatives=[
        Creative(creative_id=f"cr-{i}", channel=rng.choice(["email", "social", "search"]), headline=prose(8), body=prose(130))
        for i in range(40)])


class Answering:
    """The candidate: answers what legacy answers, nothing else (no statement, no work of its own)."""

    def __init__(self, answer: Verdict) -> None:
        self.answer = answer

    def evaluate_creative_set(self, _request: Request) -> Verdict:
        return self.answer


class NotRecorded(ShadowRunner):
    """The installed runner without its recording (no fingerprint, no row): isolation and comparison alone."""

    def _record(self, *args: Any, **kwargs: Any) -> None:
        pass


class CommitEach(EvidenceRecorder):
    """Each comparison committed on its own, as before comparisons were batched."""

    def record_comparison(self, *args: Any, **kwargs: Any) -> None:
        kwargs["buffered"] = False
        super().record_comparison(*args, **kwargs)


@contextmanager
def database(url: str | None) -> Iterator[str]:
    """A fresh database: a SQLite file, or a throwaway PostgreSQL database beside `url`'s."""
    if url is None:
        with tempfile.TemporaryDirectory() as directory:
            yield f"sqlite:///{Path(directory) / 'shadow.db'}"
        return
    name = f"aicmo_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        from aicmo.shared.persistence.engines import forget_engine

        forget_engine(make_url(url).set(database=name).render_as_string(hide_password=False))
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def per_call(sessions: Any, rounds: int) -> dict[str, Any]:
    engine = sessions.kw["bind"]
    payload, answer = request(1), Verdict(verdict="QC_APPROVED", scores=[0.9] * 40)

    def legacy() -> Verdict:
        return answer

    def runner(recorder: Any, kind: type = ShadowRunner) -> ShadowRunner:
        return kind("qc", engine, lambda _connection: Answering(answer), recorder, raise_on_mismatch=False)

    plain = runner(EvidenceRecorder(sessions), NotRecorded)
    batched, each = runner(EvidenceRecorder(sessions)), runner(CommitEach(sessions))
    flush_comparisons()
    calls = PENDING.max_rows  # one flush per sample of the batched path
    paths = {
        "legacy call alone": legacy,
        "shadow, not recorded": lambda: plain.call("evaluate_creative_set", (payload,), {}, legacy),
        "shadow, recorded in batches": lambda: batched.call("evaluate_creative_set", (payload,), {}, legacy),
        "shadow, a commit per comparison": lambda: each.call("evaluate_creative_set", (payload,), {}, legacy),
    }
    samples = interleaved(paths, rounds=rounds, calls=calls)
    flush_comparisons()
    return {"samples": samples, "calls": calls}


def _database_bytes(engine: Any) -> int:
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            return int(connection.scalar(text("SELECT pg_total_relation_size('strangler.strangler_shadow_comparisons')")))
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
        free = connection.exec_driver_sql("PRAGMA freelist_count").scalar()
        return int((pages - free) * connection.exec_driver_sql("PRAGMA page_size").scalar())


def stored_bytes(url: str, n: int = 2_000) -> dict[str, float]:
    """Growth per comparison: n matched by the runner, then n rows keeping the whole inputs, in one database."""
    sessions = open_database(url, upgrade_first=True)
    engine = sessions.kw["bind"]
    payload, answer = request(2), Verdict(verdict="QC_APPROVED", scores=[0.9] * 40)
    shadow = ShadowRunner("qc", engine, lambda _connection: Answering(answer), EvidenceRecorder(sessions), raise_on_mismatch=False)
    flush_comparisons()
    before = _database_bytes(engine)
    for _ in range(n):
        shadow.call("evaluate_creative_set", (payload,), {}, lambda: answer)
    flush_comparisons()
    matched = _database_bytes(engine)
    whole = comparison_row("qc", False, diff=None, inputs={"method": "evaluate_creative_set", "args": [payload.model_dump(mode="json")],
                                                          "kwargs": {}},
                           context={"tenant": None, "route": "shadow"}, timings=None, divergence=None, candidate_error=None,
                           candidate_fault=None, method="evaluate_creative_set", at=datetime.now(timezone.utc))
    with sessions.begin() as session:
        session.execute(insert(ShadowComparisonRow), [dict(whole, matched=True)] * n)
    inputs_kept = _database_bytes(engine)
    return {"matched": (matched - before) / n, "inputs_kept": (inputs_kept - matched) / n}


def fill(url: str, total: int) -> None:
    """`total` comparisons as the runner stores them: 90% matched, 4% declared divergences, 4% unexplained, 2% faults."""
    from aicmo.orchestration.bootstrap import prepare_database

    prepare_database(url, upgrade=True)  # every owner's tables: the CLI reads only a database that is current
    sessions = open_database(url)
    rng = random.Random(total)
    start = datetime(2026, 12, 1, tzinfo=timezone.utc)
    modules = ["qc", "production", "strategy", "onboarding"]
    chunk: list[dict[str, Any]] = []
    for number in range(total):
        draw = rng.random()
        matched, divergence, error, fault, diff = True, None, None, None, None
        if draw >= 0.9:
            matched, diff = False, [{"path": "score", "legacy": 70, "new": 71}]
            if draw < 0.94:
                divergence = "rounding-fix"
            elif draw >= 0.98:
                error, fault, diff = "timeout: still running after 2 s, abandoned", "timeout", None
        timing = {"legacy": {"wall_s": rng.random() / 100, "cpu_s": rng.random() / 200},
                  "new": {"wall_s": rng.random() / 100, "cpu_s": rng.random() / 200}}
        inputs = {"method": "evaluate", "args": [{"n": number}], "kwargs": {}}
        chunk.append(comparison_row(rng.choice(modules), matched, diff=diff, inputs=inputs, context={"route": "shadow"},
                                    timings=timing, divergence=divergence, candidate_error=error, candidate_fault=fault,
                                    method="evaluate", at=start + timedelta(milliseconds=number)))
        if len(chunk) == 10_000:
            with sessions.begin() as session:
                session.execute(insert(ShadowComparisonRow), chunk)
            chunk = []
    if chunk:
        with sessions.begin() as session:
            session.execute(insert(ShadowComparisonRow), chunk)


REPORT_INSIDE = """
import io, json, sys, time, tracemalloc, resource
from contextlib import redirect_stdout
from aicmo.cli import app
def report():
    with redirect_stdout(io.StringIO()):
        try:
            app(["shadow", "report", "--format", "json", "--database-url", sys.argv[1]])
        except SystemExit as done:
            assert not done.code, done.code
report()  # warm: imports, the engine, the first connection
times = []
for _ in range(3):
    wall = time.perf_counter(); report(); times.append(time.perf_counter() - wall)
tracemalloc.start(); report(); peak = tracemalloc.get_traced_memory()[1]; tracemalloc.stop()
print(json.dumps({"seconds": sorted(times)[1], "peak_bytes": peak,
                  "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def report_cost(url: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    walls = []
    for _ in range(3):  # what a user waits: the CLI end to end, imports included
        wall = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "aicmo.cli", "shadow", "report", "--format", "json", "--database-url", url],
                              capture_output=True, text=True, cwd=ROOT, env=env)
        walls.append(time.perf_counter() - wall)
        if done.returncode:
            raise SystemExit(f"shadow report failed: {done.stderr}")
    inside = subprocess.run([sys.executable, "-c", REPORT_INSIDE, url], capture_output=True, text=True, cwd=ROOT, env=env)
    if inside.returncode:
        raise SystemExit(f"shadow report failed: {inside.stderr}")
    return {"cli_wall_s": statistics.median(walls), **json.loads(inside.stdout.strip().splitlines()[-1])}


def main() -> None:
    logging.disable(logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--database-url", default=None, help="a PostgreSQL server's database to create a throwaway one beside")
    parser.add_argument("--print-only", action="store_true", help="print the figures, leave README.md and the results alone")
    args = parser.parse_args()

    with database(args.database_url) as url:
        backend = make_url(url).get_backend_name()
        where = "a SQLite file" if backend == "sqlite" else "PostgreSQL"
        timed = per_call(open_database(url, upgrade_first=True), args.rounds)
    samples, calls = timed["samples"], timed["calls"]
    legacy = samples["legacy call alone"]
    plain, batched, each = (samples[n] for n in ("shadow, not recorded", "shadow, recorded in batches", "shadow, a commit per comparison"))
    isolation_us = (plain.wall_median - legacy.wall_median) * 1e6
    recording_us = (batched.wall_median - plain.wall_median) * 1e6
    commit_us = (each.wall_median - plain.wall_median) * 1e6

    with database(args.database_url) as url:
        stored = stored_bytes(url)
    reports = {}
    for size in REPORT_SIZES:
        with database(args.database_url) as url:
            fill(url, size)
            reports[size] = report_cost(url)

    lines = [f"Per call, {where}, median (q1–q3) µs over {args.rounds} rounds of {calls} calls, paths interleaved "
             f"({load_average()}); the candidate only answers, so the shadow's own cost is what is measured:", "",
             # the legacy call here does nothing, so a ratio to it says nothing: what counts is what is added
             "| path | wall | CPU | added to the legacy call (wall) |", "|---|---:|---:|---:|"]
    for name, sample in samples.items():
        wall, cpu = sample.cells(scale=1e6, digits=1)
        lines.append(f"| {name} | {wall} | {cpu} | {(sample.wall_median - legacy.wall_median) * 1e6:.1f} |")
    lines += ["", f"- isolation + comparison (shadow not recorded − legacy alone): **{isolation_us:.0f} µs** per call (goal ≤ {ISOLATION_GOAL_US} µs)",
              f"- recording, amortized over batches of {calls} (recorded in batches − not recorded): **{recording_us:.0f} µs** per call "
              f"(goal ≤ {RECORDING_GOAL_US} µs); a commit per comparison: {commit_us:.0f} µs",
              f"- stored per matched comparison: **{stored['matched']:.0f} bytes** (method, inputs fingerprint, timings); "
              f"keeping the whole ~46 KB request, as every comparison did before: {stored['inputs_kept']:.0f} bytes", ""]
    lines += ["| `aicmo shadow report --format json` | CLI end to end (wall) | the report itself | its peak Python memory | process max RSS |",
              "|---|---:|---:|---:|---:|"]
    for size, cost in reports.items():
        lines.append(f"| {size:,} comparisons | {cost['cli_wall_s']:.2f} s | {cost['seconds'] * 1000:.0f} ms | "
                     f"{cost['peak_bytes'] / 1024:.0f} KiB | {cost['max_rss_kb'] / 1024:.0f} MiB |")
    biggest = reports[REPORT_SIZES[-1]]
    command = "python benchmarks/shadow_overhead.py" + (" --database-url URL" if args.database_url else "")
    lines += ["", f"Measured by `{command}`."]
    block = "\n".join(lines)
    print(block)
    if args.print_only:
        return
    suffix = "" if backend == "sqlite" else " (PostgreSQL)"
    write_headlines("shadow_overhead" if backend == "sqlite" else "shadow_overhead_postgresql", [
        Headline(f"shadow isolation + comparison per call{suffix}", f"{isolation_us:.0f} µs", f"≤ {ISOLATION_GOAL_US} µs",
                 isolation_us <= ISOLATION_GOAL_US),
        Headline(f"shadow recording per call, amortized{suffix}", f"{recording_us:.0f} µs", f"≤ {RECORDING_GOAL_US} µs",
                 recording_us <= RECORDING_GOAL_US),
        Headline(f"shadow report at {REPORT_SIZES[-1]:,} comparisons{suffix}", f"{biggest['seconds']:.2f} s "
                 f"(CLI {biggest['cli_wall_s']:.2f} s)", f"≤ {REPORT_GOAL_S} s", biggest["seconds"] <= REPORT_GOAL_S),
        Headline(f"bytes stored per matched comparison{suffix}", f"{stored['matched']:.0f} B"),
    ])
    begin, end = (BEGIN, END) if backend == "sqlite" else (PG_BEGIN, PG_END)
    replace_block(ROOT / "README.md", begin, end, block)


if __name__ == "__main__":
    main()
