"""Mutation check of the characterization suite: does it catch planted changes to legacy?

Copies the repository's code and tests to temporary folders (the real legacy files are never
touched), proves the untouched copy passes, then applies each mutant of mutant_catalogue.py
one at a time and runs ``pytest tests/characterization`` against the copy. A mutant is caught
when that run fails. Exit status 0 only when every mutant is caught.

    python benchmarks/characterization_mutants.py            # all mutants, 2 parallel copies
    python benchmarks/characterization_mutants.py --jobs 1 --only Q-06 --only eu-tax
"""
from __future__ import annotations

import argparse
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutant_catalogue import MUTANTS, Mutant
from aicmo.strangler.document_blocks import replace_block
from measure import Headline, write_headlines

REPO = Path(__file__).resolve().parents[1]
COPIED = ["aicmo", "backend", "acl", "examples", "tests", "pyproject.toml"]
SUITE = [sys.executable, "-m", "pytest", "tests/characterization", "-x", "-q", "-p", "no:cacheprovider"]


def make_copy(root: Path) -> Path:
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy(source, root / name)
    return root


def environment(copy: Path) -> dict[str, str]:
    env = dict(os.environ)
    # the copy must shadow the editable install, and stale bytecode must never mask a mutant
    env["PYTHONPATH"] = str(copy)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    # a planted constant changes legacy's logic, which SQLite shows as well as PostgreSQL does
    env["AICMO_TEST_BACKENDS"] = "sqlite"
    return env


def check_imports_come_from(copy: Path) -> None:
    probe = "import backend, aicmo.operator_services as o, aicmo.legacy_harness.pytest_plugin as t; print(backend.__file__, o.__file__, t.__file__)"
    out = subprocess.run([sys.executable, "-c", probe], cwd=copy, env=environment(copy), capture_output=True, text=True, check=True)
    wrong = [p for p in out.stdout.split() if not Path(p).resolve().is_relative_to(copy.resolve())]
    if wrong:
        raise SystemExit(f"the copy does not shadow the installed code: {wrong}")


def run_suite(copy: Path) -> subprocess.CompletedProcess:
    # check=False: a failing run is the outcome we hope for under a mutant
    return subprocess.run(SUITE, cwd=copy, env=environment(copy), capture_output=True, text=True, check=False)


def apply(copy: Path, mutant: Mutant) -> str:
    """Plant the mutant; returns the original text to restore."""
    target = copy / mutant.path
    original = target.read_text(encoding="utf-8")
    if original.count(mutant.old) != 1:
        raise SystemExit(f"{mutant.id}: the snippet occurs {original.count(mutant.old)} times in {mutant.path}")
    target.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
    return original


def first_failure(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith(("FAILED", "ERROR"))]
    return lines[0] if lines else output.strip().splitlines()[-1] if output.strip() else "(no output)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="parallel copies (default 2)")
    parser.add_argument("--only", action="append", default=[], help="a mutant id or rule id (repeatable)")
    args = parser.parse_args()
    mutants = [m for m in MUTANTS if not args.only or m.id in args.only or m.rule in args.only]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="aicmo-mutants-") as tmp:
        copies: queue.Queue[Path] = queue.Queue()
        for i in range(max(1, args.jobs)):
            copy = make_copy(Path(tmp) / f"copy{i}")
            check_imports_come_from(copy)
            copies.put(copy)
        baseline_copy = copies.get()
        baseline = run_suite(baseline_copy)
        copies.put(baseline_copy)
        if baseline.returncode != 0:
            print(baseline.stdout[-3000:], baseline.stderr[-3000:])
            print("the unmutated copy fails the characterization suite; no mutant can be judged")
            return 2
        print(f"baseline: unmutated legacy passes ({time.monotonic() - started:.0f}s)")

        def judge(mutant: Mutant) -> tuple[Mutant, bool, str, float]:
            copy = copies.get()
            t0 = time.monotonic()
            original = apply(copy, mutant)
            try:
                result = run_suite(copy)
            finally:
                (copy / mutant.path).write_text(original, encoding="utf-8")
                copies.put(copy)
            return mutant, result.returncode != 0, first_failure(result.stdout), time.monotonic() - t0

        caught = 0
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for mutant, killed, evidence, seconds in pool.map(judge, mutants):
                caught += killed
                verdict = "caught " if killed else "MISSED "
                print(f"{verdict} {mutant.rule:<14} {mutant.id:<28} {seconds:5.1f}s  {evidence if killed else ''}")
    seconds = time.monotonic() - started
    print(f"\n{caught}/{len(mutants)} mutants caught in {seconds:.0f}s")
    if not args.only:  # the README's figure is the whole catalogue's
        replace_block(REPO / "README.md", "<!-- planted-mutants:begin -->", "<!-- planted-mutants:end -->",
                      f"**Planted mutants** (`python benchmarks/characterization_mutants.py`, a constant, weight or quirk "
                      f"changed each): {caught} of {len(mutants)} caught, in {seconds:.0f} s with {max(1, args.jobs)} jobs.")
        write_headlines("characterization_mutants", [Headline(
            "planted mutants of legacy caught by the characterization suite",
            f"{caught} of {len(mutants)} ({seconds:.0f} s, {max(1, args.jobs)} jobs)", "all", caught == len(mutants))])
    return 0 if caught == len(mutants) else 1


if __name__ == "__main__":
    raise SystemExit(main())
