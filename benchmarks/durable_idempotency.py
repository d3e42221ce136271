"""Cost of a keyed ACL command: durable records vs the process's memory, interleaved.

Each round onboards one client under a fresh key, once with the records (one look and one
insert in the command's own transaction) and once with memory only, alternating so both see
the same machine. Prints the median per call and the difference. SQLite file by default;
`--database-url postgresql+psycopg://...` for PostgreSQL (an empty database).

    python benchmarks/durable_idempotency.py [--rounds 200] [--database-url URL]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from acl._support import idempotency  # noqa: E402
from aicmo.onboarding.api import ClientIntake  # noqa: E402
from aicmo.orchestration import bootstrap  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    bootstrap.prepare_database(url, upgrade=True)
    bootstrap.configure_legacy_database(url)
    durable_check = idempotency._durable
    timings: dict[str, list[float]] = {"durable": [], "memory": []}
    onboarding = bootstrap.legacy_ports().onboarding
    for n in range(args.rounds):
        for mode in ("durable", "memory") if n % 2 == 0 else ("memory", "durable"):
            idempotency._durable = durable_check if mode == "durable" else (lambda: False)
            started = time.perf_counter()
            onboarding.onboard_client(ClientIntake(brand_name=f"Bench {mode} {n}"), f"bench-{mode}-{n}")
            timings[mode].append(time.perf_counter() - started)
    idempotency._durable = durable_check
    durable, memory = (statistics.median(timings[m]) * 1000 for m in ("durable", "memory"))
    print(f"{url.split(':')[0]}: {args.rounds} rounds; median per keyed call durable {durable:.2f} ms, "
          f"memory {memory:.2f} ms, +{durable - memory:.2f} ms ({durable / memory:.2f}x)")


if __name__ == "__main__":
    main()
