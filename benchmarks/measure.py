"""What every benchmark here measures the same way: compared paths interleaved round by round,
CPU and wall time, median and spread, the ratio, and the headline figures `run_all.py` collects.

A path is a callable doing one unit of what the application runs (a journey, a call, a
command); ``calls`` repeats it inside one sample when one run is too short to time. The order
of the paths rotates every round, so a slow moment of the machine falls on all of them; the
first round warms up and is left out.

    samples = interleaved({"legacy": run_legacy, "new": run_new}, rounds=21)
    samples["new"].ratio_to(samples["legacy"])          # wall, CPU ratios of the medians
    write_headlines("routing", [Headline("routed call dispatch", "0.6 µs", "≤ 1 µs", True)])
"""
from __future__ import annotations

import json
import os
import time as _time
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Optional, Sequence

__all__ = ["Headline", "Samples", "interleaved", "load_average", "write_headlines", "HEADLINES", "RESULTS"]

RESULTS = Path(__file__).resolve().parent / "results"
HEADLINES = RESULTS / "headlines"  # one file per benchmark, read by run_all.py


@dataclass
class Samples:
    """One path's measurements: seconds per unit (per call when ``calls`` > 1)."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def add(self, wall: float, cpu: float) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)

    @staticmethod
    def _spread(values: Sequence[float]) -> tuple[float, float, float]:
        if len(values) == 1:
            return values[0], values[0], values[0]
        q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
        return q1, median, q3

    def wall_quartiles(self) -> tuple[float, float, float]:
        return self._spread(self.wall)

    def cpu_quartiles(self) -> tuple[float, float, float]:
        return self._spread(self.cpu)

    @property
    def wall_median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    def ratio_to(self, baseline: "Samples") -> tuple[float, float]:
        """(wall, CPU): this path's median over the baseline's."""
        return self.wall_median / baseline.wall_median, self.cpu_median / baseline.cpu_median

    def cells(self, scale: float = 1e3, digits: int = 1) -> tuple[str, str]:
        """'median (q1–q3)' for wall and CPU, in ms by default (``scale=1e6`` for µs)."""
        def cell(quartiles: tuple[float, float, float]) -> str:
            q1, median, q3 = (value * scale for value in quartiles)
            return f"{median:.{digits}f} ({q1:.{digits}f}–{q3:.{digits}f})"
        return cell(self.wall_quartiles()), cell(self.cpu_quartiles())


def interleaved(paths: Mapping[str, Callable[[], object]], rounds: int, calls: int = 1,
                before_each: Optional[Callable[[str], None]] = None) -> dict[str, Samples]:
    """Each path run ``calls`` times per round, the paths in an order rotated every round."""
    names = list(paths)
    samples = {name: Samples() for name in names}
    for round_number in range(rounds + 1):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            work = paths[name]
            if before_each is not None:
                before_each(name)
            wall, cpu = time.perf_counter(), time.process_time()
            for _ in range(calls):
                work()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            if round_number:  # the first round warms up
                samples[name].add(wall / calls, cpu / calls)
    return samples


def load_average() -> str:
    """The 1-minute load average and the CPU count, said beside a figure."""
    try:
        return f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    except OSError:
        return f"{os.cpu_count()} CPUs"


@dataclass(frozen=True)
class Headline:
    """One figure for the summary table: what, as measured, the goal, and whether it is met."""

    what: str
    measured: str
    goal: str = ""
    met: Optional[bool] = None  # None: a figure without a goal


def write_headlines(benchmark: str, headlines: Sequence[Headline]) -> Path:
    """benchmarks/results/headlines/<benchmark>.json: what `run_all.py` puts in the one summary table."""
    HEADLINES.mkdir(parents=True, exist_ok=True)
    path = HEADLINES / f"{benchmark}.json"
    measured_on = _time.strftime("%Y-%m-%d", _time.gmtime())
    path.write_text(json.dumps({"benchmark": benchmark, "measured_on": measured_on, "cpus": os.cpu_count(),
                               "headlines": [asdict(h) for h in headlines]},
                               indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
