"""Journey wall time: the durable workflow against the legacy operator flow, interleaved in one process.

    python benchmarks/durable_journey.py [--rounds 10]

One SQLite file in a temporary folder takes every journey (the example intakes in turn). Each
round runs the legacy flow, the port runner without the workflow engine, and the durable
workflow, one after the other, so a slow moment of the machine falls on all three; the first
round warms up and is left out. Prints the median of each and the ratio to the legacy flow.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("intake_*.json"))


def _flows(url: str, out_dir: str) -> dict[str, Callable[[Any], Any]]:
    from aicmo.orchestration import bootstrap
    from aicmo.orchestration.durable.engine import launched_for
    from aicmo.orchestration.durable.submit import next_journey_id, run_journey
    from aicmo.orchestration.durable.workflow import journey_request
    from aicmo.orchestration.journey import run_client_journey
    from aicmo.orchestration.journey_output import journey_output

    bootstrap.prepare_database(url, upgrade=True)
    bootstrap.configure_legacy_database(url)
    launched_for(url)
    operator_flow = bootstrap.legacy_operator_flow()

    def durable(intake: Any) -> Any:
        return run_journey(next_journey_id(intake, out_dir), journey_request(intake, out_dir, url, {}, None, None))

    return {
        "legacy flow": lambda intake: operator_flow.run_client_journey(intake.model_dump(mode="json"), out_dir=out_dir),
        "port runner": lambda intake: journey_output(run_client_journey(bootstrap.routed_ports(url), intake, out_dir=out_dir)),
        "durable workflow": durable,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    from aicmo.orchestration import bootstrap

    intakes = [bootstrap.intake_requests().intake_from_request(json.loads(p.read_text())) for p in EXAMPLES]
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        flows = _flows(f"sqlite:///{folder}/aicmo.db", str(Path(folder) / "out"))
        times: dict[str, list[float]] = {name: [] for name in flows}
        for round_number in range(args.rounds + 1):
            for name, flow in flows.items():
                # a new output folder per journey: the durable id covers the folder, and each journey here is new
                intake = intakes[round_number % len(intakes)]
                started = time.perf_counter()
                flow(intake)
                if round_number:
                    times[name].append(time.perf_counter() - started)
    legacy = statistics.median(times["legacy flow"])
    print(f"{args.rounds} rounds, SQLite file, median wall time per journey:")
    for name, measured in times.items():
        median = statistics.median(measured)
        print(f"  {name:17} {median * 1000:7.0f} ms  {median / legacy:4.2f}x the legacy flow")


if __name__ == "__main__":
    main()
