"""README.md's "Reliability" figures, measured: every planted attack on a safety promise, run.

    python benchmarks/reliability_figures.py         # run the attack tests, rewrite the README block

Each promise of the strangler has tests that plant the attack (a raw UPDATE on the audit
trail, twenty concurrent promotions, a foreign write through a driver connection, a hung
shadow candidate, a malformed leads file...). This runs them once, on SQLite and on
PostgreSQL (a server must answer: AICMO_TEST_REQUIRE_POSTGRES=1), counts per promise and per
backend how many attacks were tried and held, times each promise's tests, and writes the table
between the ``reliability-figures`` markers of README.md. It exits 1 when any attack got
through (the README is then left alone).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from aicmo.strangler.document_blocks import replace_block  # noqa: E402
from measure import Headline, write_headlines  # noqa: E402

BEGIN, END = "<!-- reliability-figures:begin -->", "<!-- reliability-figures:end -->"


@dataclass(frozen=True)
class Promise:
    name: str
    tried: str  # what the tests plant, in words; the counts (tests, each planting one attack or more) come from the run
    tests: tuple[str, ...]


PROMISES = (
    Promise("The audit trail and the evidence are append-only in the database",
            "raw UPDATE, DELETE, upsert, TRUNCATE (PostgreSQL), INSERT OR REPLACE and REPLACE (SQLite) on every "
            "append-only table from a bare driver connection",
            ("tests/unit/strangler/test_append_only_in_the_database.py",)),
    Promise("Route changes are race-free",
            "20 concurrent `aicmo migrate promote` / `rollback` processes per scenario; the audit chain, the stored route "
            "and every exit code checked",
            ("tests/e2e/test_concurrent_route_changes.py",)),
    Promise("Routes cannot lie",
            "promoting a module without a new implementation, lowering the comparison floor, deleting without "
            "--confirm or readiness, empty/unknown divergences, stale suite runs and comparisons",
            ("tests/unit/strangler/migration/test_routes_cannot_lie.py",)),
    Promise("Concurrent journeys lose and duplicate nothing",
            "8 `aicmo run` journeys at once on a database whose legacy tables do not exist yet (campaigns, qc rounds "
            "and events counted); 8 processes evaluating one creative set at once (rounds, events and a shared "
            "idempotency key checked)",
            ("tests/e2e/test_concurrent_journeys.py", "tests/unit/qc/test_concurrent_evaluations.py")),
    Promise("A killed journey is finished, never restarted beside an orphan",
            "SIGKILL before invoicing, before delivery and right after onboarding's commit (before its checkpoint), "
            "then `aicmo journeys resume` or the same intake again; resuming a journey whose process is alive",
            ("tests/e2e/test_journey_survives_a_kill.py",)),
    Promise("A journey either completes or is fully compensated",
            "for every step of a journey: a fault before its port call on every attempt, a fault once after its "
            "commit, a SIGKILL after its commit (every writing step) and during compensation; each journey checked "
            "against one that met no fault, or for a cancelled project, discarded creatives, void invoices, a "
            "withdrawn package, voided QC results and no zip",
            ("tests/e2e/test_journey_fault_matrix.py",)),
    Promise("A queued journey runs once, whoever takes it",
            "100 journeys queued on PostgreSQL drained by two workers at once (4 on SQLite by one); the same intake "
            "queued again; a command running its own journey beside queued ones; a worker stopped by SIGTERM "
            "mid-journey, its journey continued by the next; bad URLs, tables missing, databases in memory",
            ("tests/e2e/test_journey_workers.py", "tests/e2e/test_journey_workers_bad_input.py")),
    Promise("A killed acquisition is finished in its campaign, as if never killed",
            "SIGKILL before the third batch and right after the sends' commit (before their checkpoint), then the "
            "same command or `aicmo journeys resume`: every lead once, every table's rows and the --reproducible JSON "
            "compared with an uninterrupted run's; a run failed in batch 3 finished by --resume, a foreign campaign refused",
            ("tests/e2e/test_acquisition_survives_a_kill.py", "tests/e2e/test_acquire_resume_cli.py")),
    Promise("A port call replayed by a new process repeats nothing",
            "every keyed port method of every module replayed after a journey and an acquisition (rows, records and the "
            "zip compared); the same key with another request; a crash between legacy's effect and its record",
            ("tests/unit/acl/test_durable_idempotency.py",)),
    Promise("A module writes only its own tables",
            "foreign writes from qc's unit of work by every path (ORM, Core, bulk, driver SQL, a new connection, "
            "comments, case, REPLACE, TRUNCATE, DROP, writable CTE, DO, role resets) and legitimate statements "
            "that must pass; on PostgreSQL the module's role alone, with the guard off",
            ("tests/unit/shared/persistence/test_every_write_path_is_guarded.py",
             "tests/unit/shared/persistence/test_module_roles.py")),
    Promise("A shadow candidate never hurts the caller",
            "candidates raising SystemExit, KeyboardInterrupt, RecursionError, MemoryError, hanging past the "
            "timeout, writing through another module's legacy session, giving uncomparable answers; a comparison "
            "the database refuses to record",
            ("tests/unit/strangler/test_shadow_candidate_faults.py",
             "tests/unit/strangler/test_shadow_lost_comparisons.py",
             "tests/unit/strangler/test_candidate_fence_reads.py")),
    Promise("Bad input: one line, exit 2, nothing written",
            "hypothesis-generated intakes and leads files (deep nesting, huge fields, NUL, latin-1, UTF-16, binary, "
            "ragged rows, huge cells); a crash planted in batch 3 of an acquisition, then --resume",
            ("tests/e2e/test_bad_input_fuzzed.py", "tests/e2e/test_acquisition_batches.py", "tests/e2e/test_bad_input.py")),
)


@dataclass
class Tally:
    outcomes: Counter = field(default_factory=Counter)  # (backend, outcome) -> tests
    seconds: float = 0.0


def backend_of(name: str) -> str:
    lowered = name.lower()
    if "postgres" in lowered:
        return "postgresql"
    if "sqlite" in lowered:
        return "sqlite"
    return "none"


def run(promises: tuple[Promise, ...]) -> dict[str, Tally]:
    paths = [path for promise in promises for path in promise.tests]
    owner = {path: promise.name for promise in promises for path in promise.tests}
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder, "junit.xml")
        env = {**os.environ, "AICMO_TEST_REQUIRE_POSTGRES": "1"}
        command = [sys.executable, "-m", "pytest", *paths, "-p", "no:randomly", "-p", "no:cacheprovider",
                   f"--junitxml={report}", "-o", "junit_family=xunit1"]
        subprocess.run(command, cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL)
        if not report.exists():
            raise SystemExit("pytest wrote no report: run the tests by hand to see why")
        tallies = {promise.name: Tally() for promise in promises}
        for case in ElementTree.parse(report).iter("testcase"):
            path = case.get("file") or case.get("classname", "").replace(".", "/") + ".py"
            tally = tallies[owner[path]]
            outcome = "failed" if case.find("failure") is not None or case.find("error") is not None else (
                "skipped" if case.find("skipped") is not None else "held")
            tally.outcomes[(backend_of(case.get("name", "")), outcome)] += 1
            tally.seconds += float(case.get("time", 0))
        return tallies


def table(promises: tuple[Promise, ...], tallies: dict[str, Tally]) -> str:
    lines = ["| promise | what the tests plant | SQLite: tests held / run | PostgreSQL: tests held / run | no database | time |",
             "|---|---|---:|---:|---:|---:|"]
    for promise in promises:
        counts = tallies[promise.name].outcomes

        def cell(backend: str) -> str:
            tried = counts[(backend, "held")] + counts[(backend, "failed")]
            return f"{counts[(backend, 'held')]} / {tried}" if tried else "–"

        lines.append(f"| {promise.name} | {promise.tried} | {cell('sqlite')} | {cell('postgresql')} | {cell('none')} "
                     f"| {tallies[promise.name].seconds:.0f} s |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--print-only", action="store_true", help="print the table, leave README.md alone")
    args = parser.parse_args()
    tallies = run(PROMISES)
    failed = {name: t for name, t in tallies.items() if any(o == "failed" for _, o in t.outcomes)}
    skipped = sum(n for t in tallies.values() for (_, o), n in t.outcomes.items() if o == "skipped")
    text = table(PROMISES, tallies)
    held = sum(n for t in tallies.values() for (_, o), n in t.outcomes.items() if o == "held")
    tried = held + sum(n for t in tallies.values() for (_, o), n in t.outcomes.items() if o == "failed")
    write_headlines("reliability_figures", [Headline(
        f"planted attacks on the README's {len(PROMISES)} safety promises, SQLite and PostgreSQL",
        f"{held} of {tried} tests held", "all", held == tried)])
    print(text)
    if failed:
        print(f"attacks got through: {', '.join(failed)}", file=sys.stderr)
        return 1
    if skipped:
        text += f"\n\n{skipped} tests did not apply to the backend they were collected for (skipped)."
    if not args.print_only:
        replace_block(ROOT / "README.md", BEGIN, END, "Measured by `python benchmarks/reliability_figures.py` "
                      "(each test plants one attack or more and checks it held; time is the tests' own):\n\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
