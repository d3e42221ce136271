"""The characterization suite's figures in README.md, measured: corpus, tests, time, coverage.

    python benchmarks/characterization_figures.py            # measure and rewrite the README block
    python benchmarks/characterization_figures.py --runs 3   # the median of three timed runs

Runs ``pytest tests/characterization`` as the README says (wall and CPU time of the whole
command, the median over the runs), then once more under coverage of the legacy files, and
writes the figures between the ``characterization-figures`` markers of README.md.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from aicmo.strangler.document_blocks import replace_block  # noqa: E402
from measure import Headline, write_headlines  # noqa: E402

BEGIN, END = "<!-- characterization-figures:begin -->", "<!-- characterization-figures:end -->"
SUITE = [sys.executable, "-m", "pytest", "tests/characterization", "-p", "no:randomly", "-p", "no:cacheprovider"]
LEGACY = "backend,aicmo/domain,aicmo/core,aicmo/operator_services.py"


def timed_run() -> tuple[float, float, int]:
    """(wall s, CPU s of the child, tests passed) of one run of the suite."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(SUITE, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"the suite failed:\n{done.stdout[-2000:]}")
    passed = int(re.search(r"(\d+) passed", done.stdout).group(1))
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), passed


def legacy_coverage() -> float:
    with tempfile.TemporaryDirectory() as folder:
        data = os.path.join(folder, ".coverage")
        env = {**os.environ, "COVERAGE_FILE": data}
        subprocess.run([sys.executable, "-m", "coverage", "run", f"--source={LEGACY}", *SUITE[1:]], cwd=ROOT, env=env,
                       capture_output=True, check=True)
        report = subprocess.run([sys.executable, "-m", "coverage", "json", "-o", os.path.join(folder, "c.json")], cwd=ROOT,
                                env=env, capture_output=True, check=True)
        del report
        return json.loads(Path(folder, "c.json").read_text())["totals"]["percent_covered"]


def _percent(share: float) -> str:
    """100% only when every line is covered: 99.96 is not rounded up to it."""
    return "100%" if share >= 100 else f"{min(share, 99.99):.2f}%"


def corpus_sizes() -> dict[str, int]:
    from tests.characterization import corpus

    return {"intakes": len(corpus.intakes()), "leads": len(corpus.leads()), "replies": len(corpus.replies()),
            "metric series": len(corpus.metric_series())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="timed runs; the median is reported (default 1)")
    args = parser.parse_args()
    runs = [timed_run() for _ in range(max(1, args.runs))]
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    spread = f" (spread {min(r[0] for r in runs):.0f}–{max(r[0] for r in runs):.0f} s)" if len(runs) > 1 else ""
    coverage = legacy_coverage()
    sizes = corpus_sizes()
    text = "\n".join([
        f"The corpus: {', '.join(f'{n} {what}' for what, n in sizes.items())}. Measured by "
        f"`python benchmarks/characterization_figures.py` on {os.cpu_count()} cores:",
        "",
        "| what | figure |",
        "|---|---|",
        f"| `pytest tests/characterization` | {runs[0][2]} tests, {wall:.0f} s wall{spread}, {cpu:.0f} s CPU |",
        f"| line coverage of the legacy files by `pytest tests/characterization` alone | {_percent(coverage)} |",
    ])
    replace_block(ROOT / "README.md", BEGIN, END, text)
    write_headlines("characterization_figures", [
        Headline("`pytest tests/characterization`", f"{runs[0][2]} tests, {wall:.0f} s wall, {cpu:.0f} s CPU"),
        Headline("legacy lines covered by the characterization suite alone", _percent(coverage), "100%", coverage >= 100),
    ])
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
