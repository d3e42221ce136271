"""MIGRATION.md's status table and promotion transcript, produced by running the playbook.

    python benchmarks/promotion_run.py                  # every module with a new implementation
    python benchmarks/promotion_run.py --journeys 300   # more traffic before the promotions
    python benchmarks/promotion_run.py --acquisitions 300 --acquisition-leads 50

On a fresh folder and its embedded SQLite database (`aicmo.db`), every command an engineer runs
to move modules through the gate, in order: each module with a new implementation promoted to
`shadow`, its declared divergences accepted (`aicmo migrate diverge`, with the descriptor's
reasons), the gate tried once (it must refuse), `aicmo traffic` (journeys and acquisitions) for the shadow comparisons, the
modules' characterization and contract suites recorded on the new path (`pytest
--record-evidence`), each module promoted to `new`, and `aicmo migrate report`. The commands and
their answers are written between the `promotion-run` markers of MIGRATION.md, the report
between the `module-status` markers. It exits 1, leaving MIGRATION.md alone, when a step does not
answer as the playbook says (a refusal missing, a promotion refused, a suite failing).
"""
from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from aicmo.orchestration.bootstrap import DESCRIPTORS, NEW_IMPLEMENTATIONS  # noqa: E402
from aicmo.shared.modules import MODULES  # noqa: E402
from aicmo.strangler.document_blocks import replace_block  # noqa: E402

DOCUMENT = ROOT / "MIGRATION.md"
STATUS = ("<!-- module-status:begin -->", "<!-- module-status:end -->")
TRANSCRIPT = ("<!-- promotion-run:begin -->", "<!-- promotion-run:end -->")
WHO = "migration-owners"


class StepFailed(SystemExit):
    pass


class Transcript:
    """Runs commands in the deployment folder and keeps what an engineer would see."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.lines = folder, []
        # wide enough that rich never wraps a table row in the transcript
        self.env = {**os.environ, "AICMO_DATABASE_URL": f"sqlite:///{folder / 'aicmo.db'}", "COLUMNS": "180"}
        for name in ("AICMO_GATE_MIN_COMPARISONS", "AICMO_E2E_MODE", "AICMO_TEST_BACKENDS"):
            self.env.pop(name, None)

    def run(self, shown: list[str], argv: list[str], expect: int = 0, keep=lambda out: out, cwd: Path | None = None) -> str:
        started = time.perf_counter()
        done = subprocess.run(argv, cwd=cwd or self.folder, env=self.env, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
        print(f"$ {shlex.join(shown)}  ({elapsed:.1f} s, exit {done.returncode})", file=sys.stderr)
        if done.returncode != expect:
            raise StepFailed(f"{shlex.join(shown)}: exit {done.returncode}, expected {expect}\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
        answer = keep((done.stdout + done.stderr).strip())
        self.lines.append(shlex.join(shown))
        self.lines.extend(f"#   {line}".rstrip() for line in answer.splitlines() if line.strip())
        if expect:
            self.lines[-1] += f"   (exit {expect})"
        return done.stdout

    def aicmo(self, *args: str, expect: int = 0, keep=lambda out: out) -> str:
        return self.run(["aicmo", *args], [sys.executable, "-m", "aicmo.cli", *args], expect, keep)


def suites(modules: list[str]) -> list[str]:
    return [*(f"tests/port_suites/{m}" for m in modules), "tests/characterization/test_port_pins.py"]


def recorded_lines(out: str) -> str:
    # pytest's progress dots are noise in a transcript; the recorded evidence is the answer
    return "\n".join(line for line in out.splitlines() if line.startswith("recorded:") and "on the new path" in line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # delivery and billing are compared once per journey: the traffic must reach the gate's floor
    # (200 comparisons by default) at one comparison per journey, and a margin above it
    parser.add_argument("--journeys", type=int, default=220, help="traffic journeys (each module compared at least once per journey)")
    # a journey acquires no leads: cam's comparisons (and reporting's efficiency figure) come from
    # acquisition runs, each compared at least once per run
    parser.add_argument("--acquisitions", type=int, default=220, help="traffic acquisition runs of synthetic leads")
    parser.add_argument("--acquisition-leads", type=int, default=30, help="leads in each traffic acquisition")
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    modules = [m for m in MODULES if m in NEW_IMPLEMENTATIONS]
    with tempfile.TemporaryDirectory(prefix="aicmo-promotion-") as scratch:
        folder = Path(scratch)
        run = Transcript(folder)
        url = run.env["AICMO_DATABASE_URL"]
        run.aicmo("db", "upgrade")
        for module in modules:
            run.aicmo("migrate", "promote", module, "--who", WHO,
                      "--reason", f"the new {module} passes its contract suite: shadow it")
        for module in modules:  # each declared divergence accepted for this deployment, as reviewed
            for name, reason in DESCRIPTORS[module].divergences.items():
                run.aicmo("migrate", "diverge", module, name, "--who", WHO, "--reason", reason)
        first = modules[0]
        run.aicmo("migrate", "promote", first, "--who", WHO, "--reason", "try the gate", expect=1)
        run.aicmo("traffic", "--journeys", str(options.journeys), "--seed", str(options.seed),
                  "--acquisitions", str(options.acquisitions), "--acquisition-leads", str(options.acquisition_leads))
        # on both databases, each run recorded as such; the gate counts the deployment's kind (SQLite)
        argv = [sys.executable, "-m", "pytest", *suites(modules), "-m", "new_path", "-q", "-p", "no:cacheprovider",
                "--record-evidence", url]
        shown = ["pytest", *suites(modules), "-m", "new_path", "--record-evidence", "sqlite:///<folder>/aicmo.db"]
        run.run(shown, argv, keep=recorded_lines, cwd=ROOT)  # the suites are the checkout's
        for module in modules:
            run.aicmo("migrate", "promote", module, "--who", WHO, "--reason",
                      f"{module}: no unexplained shadow mismatch, both suites pass on the new path")
        report = run.aicmo("migrate", "report", keep=lambda out: "")
        run.lines = [line for line in run.lines if line != "aicmo migrate report"]
    replace_block(DOCUMENT, *TRANSCRIPT, "```sh\n" + "\n".join(run.lines) + "\n```\n")
    replace_block(DOCUMENT, *STATUS, report.strip() + "\n")
    print(f"MIGRATION.md: {len(modules)} modules promoted; status table and transcript rewritten", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except StepFailed as failed:
        print(f"error: {failed}", file=sys.stderr)
        sys.exit(1)
