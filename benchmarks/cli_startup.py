"""What starting `aicmo` costs: `aicmo --help` against a minimal two-command Typer app's `--help`.

Each path is the real command in a process of its own, as a user types it (the installed
`aicmo` console script), the paths interleaved round by round; the CPU time is the child's
(user + system, from ``os.wait4``), the wall time includes starting the process. The minimal
app (two commands, nothing else) is written to a temporary file; `aicmo run --help` is set
against its `hello --help`, since Typer's help of a command costs the same in both. The module
counts come from the same command run once more, writing its ``sys.modules`` at exit
(`aicmo.cli_support.import_probe`). The paragraph goes between the ``cli-startup`` markers of
README.md and the headlines (`aicmo --help` CPU against the minimal app's, the goal ≤ 1.3×) to
results/headlines/cli_startup.json, unless --print-only.

    python benchmarks/cli_startup.py                 # 21 rounds
    python benchmarks/cli_startup.py --rounds 5 --print-only
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import Callable

from measure import Headline, Samples, interleaved, load_average, write_headlines

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BEGIN, END = "<!-- cli-startup:begin -->", "<!-- cli-startup:end -->"
GOAL = 1.3  # `aicmo --help` CPU at most this many times the minimal app's

MINIMAL_APP = '''import typer

app = typer.Typer()


@app.command()
def hello(name: str) -> None:
    """Say hello."""
    print(f"hello {name}")


@app.command()
def bye(name: str) -> None:
    """Say goodbye."""
    print(f"bye {name}")


app()
'''


def aicmo_command() -> list[str]:
    """The installed console script beside this interpreter, else the module as a script."""
    script = Path(sys.executable).parent / "aicmo"
    return [str(script)] if script.exists() else [sys.executable, "-m", "aicmo.cli"]


def child_cpu_path(command: list[str], cpu: list[float]) -> Callable[[], None]:
    """Run ``command`` to its end, appending the child's CPU seconds to ``cpu``."""

    def run() -> None:
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            raise SystemExit(f"{' '.join(command)} exited {child.returncode}")
        cpu.append(usage.ru_utime + usage.ru_stime)

    return run


def measure(commands: dict[str, list[str]], rounds: int) -> dict[str, Samples]:
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    timed = interleaved({name: child_cpu_path(command, cpu[name]) for name, command in commands.items()}, rounds)
    # interleaved() leaves out the warm-up round and times the parent's CPU: the children's replace it
    return {name: Samples(wall=timed[name].wall, cpu=cpu[name][1:]) for name in commands}


def module_counts(aicmo: list[str]) -> dict[str, object]:
    from aicmo.cli_support.import_probe import among, command_imports

    # what `aicmo run` must not load (tests/unit/cli_startup holds the same list as a test)
    never_on_run = ("unittest.mock", "aicmo.strangler.contract_versions", "aicmo.strangler.boundaries",
                    "aicmo.strangler.ownership", "aicmo.strangler.ratchet", "aicmo.strangler.migration",
                    "aicmo.strangler.dispatch.report", "grimp")
    env = {k: v for k, v in os.environ.items() if k != "AICMO_DATABASE_URL"}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        intake = work / "intake.json"
        with resources.as_file(resources.files("aicmo.samples").joinpath("demo_intake.json")) as sample:
            shutil.copyfile(sample, intake)
        ran = command_imports(["run", str(intake), "--reproducible", "--database-url", f"sqlite:///{work / 'aicmo.db'}",
                               "--out-dir", str(work / "out"), "--json", str(work / "result.json")], cwd=work, env=env)
        if ran.returncode != 0:
            raise SystemExit(f"aicmo run failed: {ran.stderr[-500:]}")
    return {
        "help": len(command_imports(["--help"], env=env).modules),
        "run_help": len(command_imports(["run", "--help"], env=env).modules),
        "run": len(ran.modules),
        "run_unwanted": among(ran.modules, never_on_run),
    }


def paragraph(samples: dict[str, Samples], counts: dict[str, object], rounds: int, load: str) -> str:
    def ms(name: str) -> str:
        q1, median, q3 = samples[name].cpu_quartiles()
        return f"{median * 1e3:.0f} ms CPU (quartiles {q1 * 1e3:.0f}–{q3 * 1e3:.0f})"

    help_ratio = samples["aicmo --help"].ratio_to(samples["minimal --help"])
    run_ratio = samples["aicmo run --help"].ratio_to(samples["minimal hello --help"])
    unwanted = counts["run_unwanted"]
    return (
        f"Start-up: the subcommands are imported only when used (`aicmo/cli_support/command_registry.py` lists them). "
        f"`aicmo --help` takes {ms('aicmo --help')} against {ms('minimal --help')} for a minimal two-command Typer "
        f"app's `--help`, {help_ratio[1]:.2f}× (wall {help_ratio[0]:.2f}×); `aicmo run --help` {ms('aicmo run --help')}, "
        f"{run_ratio[1]:.2f}× the minimal app's `hello --help`. `aicmo --help` imports {counts['help']} modules, "
        f"`aicmo run --help` {counts['run_help']}; `aicmo run INTAKE --reproducible` imports {counts['run']}, "
        f"{'none' if not unwanted else ', '.join(unwanted)} of the contracts, boundaries, ownership, migration or "
        f"shadow-report modules and no `unittest.mock`. Child CPU, medians and quartiles over {rounds} interleaved "
        f"rounds of `python benchmarks/cli_startup.py` ({load})."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--print-only", action="store_true", help="print the paragraph, leave README.md alone")
    args = parser.parse_args()
    aicmo = aicmo_command()
    with tempfile.TemporaryDirectory() as folder:
        minimal = Path(folder) / "minimal_app.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        commands = {
            "aicmo --help": [*aicmo, "--help"],
            "minimal --help": [sys.executable, str(minimal), "--help"],
            "aicmo run --help": [*aicmo, "run", "--help"],
            "minimal hello --help": [sys.executable, str(minimal), "hello", "--help"],
        }
        samples = measure(commands, args.rounds)
    counts = module_counts(aicmo)
    load = load_average()
    print("| command | wall ms, median (q1–q3) | CPU ms, median (q1–q3) |\n|---|---:|---:|")
    for name, measured in samples.items():
        wall, cpu = measured.cells()
        print(f"| `{name}` | {wall} | {cpu} |")
    text = paragraph(samples, counts, args.rounds, load)
    print(f"\n{text}")
    ratio = samples["aicmo --help"].ratio_to(samples["minimal --help"])[1]
    run_ratio = samples["aicmo run --help"].ratio_to(samples["minimal hello --help"])[1]
    if not args.print_only:
        write_headlines("cli_startup", [
            Headline("`aicmo --help` CPU against a minimal Typer app's `--help`",
                     f"{ratio:.2f}× ({samples['aicmo --help'].cpu_median * 1e3:.0f} ms)", f"≤ {GOAL}× a minimal Typer app",
                     ratio <= GOAL),
            Headline("`aicmo run --help` CPU against the minimal app's `hello --help`",
                     f"{run_ratio:.2f}× ({samples['aicmo run --help'].cpu_median * 1e3:.0f} ms)"),
            Headline("modules imported by `aicmo run INTAKE --reproducible`", str(counts["run"])),
            Headline("contracts/boundaries/ownership/migration/shadow-report/unittest.mock modules imported by `aicmo run`",
                     str(len(counts["run_unwanted"])), "0", not counts["run_unwanted"]),
        ])
        from aicmo.strangler.document_blocks import replace_block

        replace_block(ROOT / "README.md", BEGIN, END, text)


if __name__ == "__main__":
    main()
