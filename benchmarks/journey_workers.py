"""Queued journeys drained by workers: wall time and throughput per number of workers and concurrency, on PostgreSQL.

    python benchmarks/journey_workers.py [--journeys 100] [--server postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

For each layout (workers x journeys each runs at once) a database of its own is made on the
server and migrated (`aicmo db upgrade`), the journeys of as many different synthetic intakes
are queued in one process, then the `aicmo worker --until-idle` processes are started together
and timed until the last exits. Every journey must have succeeded once (one client each), or
the run fails. Prints the drain time, the journeys per second and how the journeys split
between the workers. The workers share the machine's cores with each other and the server.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from measure import Headline, write_headlines  # noqa: E402

COMMAND = "import sys; from aicmo.cli import app; sys.argv[0] = 'aicmo'; app()"
LAYOUTS = ((1, 1), (2, 1), (2, 2))


def _admin(server: str, statement: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def _enqueue(url: str, folder: Path, journeys: int) -> None:
    from aicmo.orchestration import bootstrap
    from aicmo.orchestration.durable.engine import launched_for, shut_down
    from aicmo.orchestration.durable.queue import enqueue_journey
    from aicmo.orchestration.durable.submit import next_journey_id
    from aicmo.orchestration.durable.workflow import journey_request
    from aicmo.orchestration.synthetic_intakes import synthetic_intake_requests

    launched_for(url)
    try:
        for number, request in enumerate(synthetic_intake_requests(5, journeys)):
            intake = bootstrap.intake_requests().intake_from_request(request)
            out_dir = str(folder / "out" / str(number))
            enqueue_journey(next_journey_id(intake, out_dir), journey_request(intake, out_dir, url, {}, None, None))
    finally:
        shut_down()


def _succeeded(url: str) -> int:
    from dbos import DBOSClient
    from sqlalchemy import create_engine, text

    from aicmo.orchestration.durable.system_database import SYSTEM_SCHEMA, system_database_url

    client = DBOSClient(system_database_url=system_database_url(url), dbos_system_schema=SYSTEM_SCHEMA)
    try:
        statuses = [s.status for s in client.list_workflows(load_input=False, load_output=False)]
    finally:
        client.destroy()
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            clients = connection.execute(text("SELECT count(*) FROM cam_campaigns")).scalar_one()
    finally:
        engine.dispose()
    if set(statuses) != {"SUCCESS"} or clients != len(statuses):
        raise SystemExit(f"journeys did not all succeed once: {sorted(set(statuses))}, {clients} clients")
    return len(statuses)


def _drain(server: str, journeys: int, workers: int, concurrency: int) -> tuple[float, list[int]]:
    from sqlalchemy.engine import make_url

    name = f"aicmo_bench_{uuid.uuid4().hex[:10]}"
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    _admin(server, f"CREATE DATABASE {name}")
    try:
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run([sys.executable, "-c", COMMAND, "db", "upgrade", "--database-url", url], check=True, capture_output=True)
            _enqueue(url, Path(folder), journeys)
            started = time.perf_counter()
            running = [subprocess.Popen(
                [sys.executable, "-c", COMMAND, "worker", "--database-url", url, "--until-idle", "--concurrency", str(concurrency)],
                cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(workers)]
            outcomes = [(p.wait(), p.communicate()[1]) for p in running]
            took = time.perf_counter() - started
            if any(code for code, _ in outcomes):
                raise SystemExit("a worker failed: " + " | ".join(err[-400:] for _, err in outcomes))
            split = [sum(1 for line in err.splitlines() if line.startswith("journey ") and " started" in line) for _, err in outcomes]
            if _succeeded(url) != journeys:
                raise SystemExit("not every queued journey ran")
            return took, split
    finally:
        _admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, default=100)
    parser.add_argument("--server", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    print(f"{args.journeys} queued journeys on PostgreSQL, drained by `aicmo worker --until-idle` (workers start included):")
    print(f"  {'workers':>7} {'at once':>7} {'wall s':>7} {'journeys/s':>10}  split")
    headlines = []
    for workers, concurrency in LAYOUTS:
        took, split = _drain(args.server, args.journeys, workers, concurrency)
        headlines.append(Headline(f"{args.journeys} queued journeys drained on PostgreSQL, {workers} worker(s) × {concurrency}",
                                  f"{took:.1f} s, {args.journeys / took:.2f} journeys/s"))
        print(f"  {workers:>7} {concurrency:>7} {took:7.1f} {args.journeys / took:10.2f}  {'/'.join(map(str, split))}")
    write_headlines("journey_workers", headlines)


if __name__ == "__main__":
    main()
