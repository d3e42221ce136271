"""Mutation score of the characterization suite over all legacy code, measured by mutmut.

    python benchmarks/mutation_score.py                  # mutate every legacy function, run, report
    python benchmarks/mutation_score.py --jobs 1         # one worker (default 2, the machine's cores)
    python benchmarks/mutation_score.py --only 'backend.services.billing.*'   # re-run some mutants
    python benchmarks/mutation_score.py --report-only    # rebuild the report from the last run

mutmut (configured in pyproject.toml, ``[tool.mutmut]``) copies the code to ``mutants/``, plants
every mutant of every legacy function (``backend/``, ``aicmo/domain/``, ``aicmo/core/``,
``aicmo/operator_services.py``) and runs, for each, the characterization tests that cover the
function. Results persist in ``mutants/``: a second run re-tests only what changed, and
``--fresh`` starts from scratch (a fresh run is the one whose time the report keeps).

A mutant that no test notices is either killed by a new pinning input or listed, with a
one-line reason, in ``benchmarks/mutation/equivalent/<module>.toml`` as equivalent (no input
can tell it from the original). The report (``benchmarks/results/mutation_score.md`` and
``.json``, and the figure in README.md) is written from mutmut's results and that list.

Exit status: 0 when at least 97% of the mutants are caught and every other one is listed as
equivalent; 1 otherwise (the report says which); 2 on bad usage or when mutmut could not run.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from aicmo.strangler.document_blocks import replace_block
from measure import Headline, write_headlines

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENT = ROOT / "benchmarks" / "mutation" / "equivalent"
RESULTS = ROOT / "benchmarks" / "results"
REPORT_MD, REPORT_JSON = RESULTS / "mutation_score.md", RESULTS / "mutation_score.json"
README = ROOT / "README.md"
README_BEGIN, README_END = "<!-- mutation-score:begin -->", "<!-- mutation-score:end -->"
GOAL = 0.97


# mutmut's statuses, folded into what the report counts; a timeout is the suite noticing the
# change (the mutant made it loop), as mutmut's own score counts it
CAUGHT = {"killed": "killed", "caught by type check": "killed", "timeout": "timed out"}
MISSED = {"survived", "no tests", "suspicious", "segfault"}


@dataclass(frozen=True)
class Mutant:
    name: str
    status: str  # killed, timed out, survived, no tests, suspicious, segfault, not checked, skipped
    path: str  # the legacy file, relative to the project root
    module: str  # the business module (or legacy group) that owns the file

    @property
    def caught(self) -> bool:
        return self.status in ("killed", "timed out")


def owner_of(path: str, legacy_map: dict[str, str]) -> str:
    """The module owning a legacy file, as the boundaries' legacy map says; the god module is its own."""
    from aicmo.strangler.legacy_deletion import legacy_owner

    if path.startswith("aicmo/domain/"):
        return "domain"
    return legacy_owner(path, legacy_map) or "legacy-infra"


def read_results() -> list[Mutant]:
    """Every mutant mutmut generated, with its last status (mutmut's API; run from the root)."""
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.stats import status_by_exit_code
    from mutmut.utils.file_utils import walk_mutatable_files

    from aicmo.strangler.boundaries.config import load_config

    legacy_map = dict(load_config(ROOT).legacy_map)
    mutants = []
    for path in walk_mutatable_files():
        data = SourceFileMutationData(path=path)
        data.load()
        for name, exit_code in data.exit_code_by_key.items():
            status = status_by_exit_code[exit_code]
            status = CAUGHT.get(status, status)
            mutants.append(Mutant(name, status, str(path), owner_of(str(path), legacy_map)))
    return sorted(mutants, key=lambda m: m.name)


def read_equivalents() -> dict[str, tuple[str, str]]:
    """mutant name -> (module file it is listed in, reason)."""
    listed: dict[str, tuple[str, str]] = {}
    for file in sorted(EQUIVALENT.glob("*.toml")):
        for name, reason in tomllib.loads(file.read_text(encoding="utf-8")).items():
            if not isinstance(reason, str) or not reason.strip() or "\n" in reason:
                raise SystemExit(f"{file.name}: '{name}' needs a one-line reason")
            if name in listed:
                raise SystemExit(f"{file.name}: '{name}' is also listed in {listed[name][0]}")
            listed[name] = (file.name, reason.strip())
    return listed


def diff_of(name: str, path: str) -> str:
    """The changed lines of a mutant, as mutmut shows them."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    lines = get_diff_for_mutant(name, path=path).splitlines()
    return "\n".join(line for line in lines if line[:1] in "+-" and not line.startswith(("+++", "---")))


def assess(mutants: list[Mutant], equivalents: dict[str, tuple[str, str]]) -> dict:
    """The figures and the problems: unlisted survivors, listed mutants that are caught or unknown."""
    counts = Counter(m.status for m in mutants)
    names = {m.name for m in mutants}
    missed = [m for m in mutants if m.status in MISSED]
    unchecked = [m.name for m in mutants if m.status in ("not checked", "skipped")]
    problems = [f"survives and is not listed as equivalent: {m.name} ({m.status})" for m in missed if m.name not in equivalents]
    problems += [f"listed as equivalent but caught: {m.name}" for m in mutants if m.caught and m.name in equivalents]
    problems += [f"listed as equivalent but mutmut generates no such mutant: {n}" for n in equivalents if n not in names]
    if unchecked:
        problems.append(f"{len(unchecked)} mutants not checked (an interrupted run?), e.g. {unchecked[0]}")
    caught = counts["killed"] + counts["timed out"]
    score = caught / len(mutants) if mutants else 0.0
    if score < GOAL:
        problems.append(f"caught {score:.1%} of the mutants, below the {GOAL:.0%} goal")
    per_module: dict[str, Counter] = {}
    for m in mutants:
        per_module.setdefault(m.module, Counter())[m.status] += 1
    return {
        "generated": len(mutants),
        "killed": counts["killed"],
        "timed_out": counts["timed out"],
        "survived": len(missed),
        "equivalent": sum(1 for m in missed if m.name in equivalents),
        "caught_share": round(score, 4),
        "statuses": dict(sorted(counts.items())),
        "per_module": {module: dict(sorted(c.items())) for module, c in sorted(per_module.items())},
        "problems": problems,
    }


def markdown(figures: dict, run: dict, mutants: list[Mutant], equivalents: dict[str, tuple[str, str]]) -> str:
    lines = [
        "# Mutation score of the characterization suite",
        "",
        "Generated by `python benchmarks/mutation_score.py` from mutmut's results; do not edit.",
        "",
        f"mutmut {run['mutmut']} over every function of the legacy code, against `pytest tests/characterization`"
        f" (the tests covering each mutated function, fastest first, stopping at the first failure).",
        "",
        "| mutants | killed | timed out | survived | of which equivalent | caught |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {figures['generated']:,} | {figures['killed']:,} | {figures['timed_out']:,} | {figures['survived']:,}"
        f" | {figures['equivalent']:,} | {figures['caught_share']:.1%} |",
        "",
        f"Last fresh run: {_duration(run)}.",
        "",
        "## Per module",
        "",
        "| module | mutants | killed | timed out | survived |",
        "|---|---:|---:|---:|---:|",
    ]
    for module, counts in figures["per_module"].items():
        survived = sum(v for k, v in counts.items() if k in MISSED)
        lines.append(f"| {module} | {sum(counts.values())} | {counts.get('killed', 0)} | {counts.get('timed out', 0)} | {survived} |")
    lines += ["", "## Equivalent mutants", "", "Each survivor, why no input can tell it from the original, and its change.", ""]
    for m in (m for m in mutants if m.status in MISSED):
        listed = equivalents.get(m.name)
        lines += [f"### `{m.name}` ({m.status})", "", listed[1] if listed else "**not listed: kill it or explain it**", "",
                  "```diff", diff_of(m.name, m.path), "```", ""]
    if figures["problems"]:
        lines += ["## Problems", ""] + [f"- {p}" for p in figures["problems"]] + [""]
    return "\n".join(lines)


def _duration(run: dict) -> str:
    seconds = run.get("seconds")
    if seconds is None:
        return "not recorded"
    return f"{seconds / 60:.0f} min wall with {run['jobs']} jobs on {run['cores']} cores"


def readme_figure(figures: dict, run: dict) -> str:
    return (
        f"**Mutation score** (mutmut {run['mutmut']}, every legacy function): "
        f"{figures['caught_share']:.1%} of {figures['generated']:,} mutants caught ({figures['killed']:,} killed, "
        f"{figures['timed_out']:,} timed out); the other {figures['survived']:,} are listed as equivalent, each "
        f"with its reason; last fresh run {_duration(run)}."
    )


def run_mutmut(jobs: int, only: list[str], fresh: bool) -> float:
    if fresh:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    started = time.monotonic()
    # a mutant changes legacy's logic, which SQLite shows as PostgreSQL does: the database tests
    # run on SQLite only here, which halves the work and spares a throwaway database per mutant
    env = {**os.environ, "AICMO_TEST_BACKENDS": "sqlite"}
    # mutmut matches the names as globs; a pattern matching nothing is its own error
    done = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs), *only], cwd=ROOT, env=env, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"mutmut run failed with exit status {done.returncode}")
    return time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="mutmut workers (default 2)")
    parser.add_argument("--only", action="append", default=[], metavar="GLOB", help="re-run only these mutant names")
    parser.add_argument("--fresh", action="store_true", help="drop mutants/ and run everything from scratch")
    parser.add_argument("--report-only", action="store_true", help="no run: rebuild the report from mutants/")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    os.chdir(ROOT)  # mutmut reads its configuration and results relative to the project root
    previous = json.loads(REPORT_JSON.read_text(encoding="utf-8"))["run"] if REPORT_JSON.exists() else {}
    run = {"mutmut": version("mutmut"), "jobs": previous.get("jobs"), "cores": previous.get("cores"), "seconds": previous.get("seconds")}
    if not args.report_only:
        seconds = run_mutmut(args.jobs, args.only, args.fresh)
        if args.fresh:
            run.update(jobs=args.jobs, cores=os.cpu_count(), seconds=round(seconds))
        print(f"mutmut ran for {seconds / 60:.1f} min", file=sys.stderr)
    if not (ROOT / "mutants").is_dir():
        print("no mutmut results: run without --report-only first", file=sys.stderr)
        return 2
    mutants, equivalents = read_results(), read_equivalents()
    figures = assess(mutants, equivalents)
    RESULTS.mkdir(exist_ok=True)
    REPORT_JSON.write_text(json.dumps({"run": run, **figures}, indent=2) + "\n", encoding="utf-8")
    REPORT_MD.write_text(markdown(figures, run, mutants, equivalents), encoding="utf-8")
    replace_block(README, README_BEGIN, README_END, readme_figure(figures, run))
    write_headlines("mutation_score", [Headline(
        f"mutation score of the characterization suite (mutmut, {figures['generated']:,} mutants of legacy)",
        f"{figures['caught_share']:.1%} caught, {len(figures['problems'])} unlisted survivors", "≥ 97%, none unlisted",
        not figures["problems"])])
    print(f"{figures['caught_share']:.1%} of {figures['generated']} mutants caught; report in {REPORT_MD.relative_to(ROOT)}")
    for problem in figures["problems"]:
        print(f"  {problem}", file=sys.stderr)
    return 1 if figures["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
