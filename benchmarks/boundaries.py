"""Benchmark: `aicmo boundaries check` against import-linter on one synthetic tree, cold and warm.

Builds a package tree of at least 4,000 modules and 15,000 import edges in a temporary
folder (its own module map in its own pyproject.toml), writes import-linter contracts
equivalent to our rules, then runs both tools as the commands a user types, round by round
with the order rotated (benchmarks/measure.py): cold (the tool's cache removed before the
run) and warm (the cache of the previous run present). Wall time, and CPU time as the child
processes' rusage (user + system, every thread), median and interquartile range; the ratios
are ours over import-linter's. The tree's files are dated an hour back, as files not edited
in the last seconds are. Writes the table into README.md between
`<!-- boundaries-speed:begin -->` and `<!-- boundaries-speed:end -->`, and the headline
ratios into benchmarks/results/headlines/boundaries.json.

    python benchmarks/boundaries.py                   # 48 modules, 9 rounds, under 2 minutes
    python benchmarks/boundaries.py --rounds 21 --modules 60 --keep
    python benchmarks/boundaries.py --print-only      # README.md and the results left alone

Equivalence of the contracts (both tools check direct imports only):
  rule 1, only api crosses    -> one `protected` contract per module: M.internal may be
                                 imported only from inside M
  rule 2, declared deps       -> one `forbidden` contract per module: M may not import the
                                 modules outside its map (allow_indirect_imports)
  rule 3, legacy through acl  -> `protected`: legacy imported only by acl, the bootstrap
                                 module and legacy itself; `forbidden`: legacy imports nothing new
Our check also judges literal dynamic imports and looks for cycles between modules, which
import-linter does not: we do strictly more work.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from measure import Headline, Samples, interleaved, load_average, write_headlines

from aicmo.strangler.document_blocks import replace_block

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- boundaries-speed:begin -->", "<!-- boundaries-speed:end -->"
WARM_GOAL, COLD_GOAL = 0.45, 1.0  # ours / import-linter, wall
OURS_CACHE, THEIR_CACHE = ".aicmo_cache", ".import_linter_cache"

NEW, LEGACY, ACL = "synth", "synthlegacy", "synthacl"
GROUPS, FILES_PER_GROUP = 4, 21  # internal files per module: 84


def module_names(count: int) -> list[str]:
    return [f"m{i:02d}" for i in range(count)]


def dependencies(names: list[str]) -> dict[str, list[str]]:
    """A layered, acyclic map: each module may use a few modules below it."""
    return {name: [names[i - k] for k in (1, 2, 5) if i - k >= 0] for i, name in enumerate(names)}


def write(root: Path, module: str, lines: list[str]) -> None:
    path = root / (module.replace(".", "/") + ".py")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines + ["VALUE = 1", ""]), encoding="utf-8")


def package(root: Path, name: str, lines: list[str] | None = None) -> None:
    folder = root / name.replace(".", "/")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "__init__.py").write_text("\n".join((lines or []) + [""]), encoding="utf-8")


def build_tree(root: Path, count: int, seed: int = 7) -> tuple[int, int]:
    """Write the synthetic tree; returns (modules, import statements)."""
    rng = random.Random(seed)
    names = module_names(count)
    deps = dependencies(names)
    modules = edges = 0

    def emit(module: str, imports: list[str]) -> None:
        nonlocal modules, edges
        write(root, module, [f"import {target}" for target in imports])
        modules += 1
        edges += len(imports)

    for top in (NEW, LEGACY, ACL, f"{LEGACY}.infra", f"{NEW}.app", f"{NEW}.domain"):
        package(root, top)
        modules += 1
    for i in range(8):
        emit(f"{LEGACY}.infra.db{i}", [f"{LEGACY}.infra.db{j}" for j in range(i)][:3])
    emit(f"{NEW}.domain.models", [])
    for name in names:
        internal = [f"{NEW}.{name}.internal.g{g}.f{f:02d}" for g in range(GROUPS) for f in range(FILES_PER_GROUP)]
        for part in ("", ".api", ".internal", *[f".internal.g{g}" for g in range(GROUPS)]):
            package(root, f"{NEW}.{name}{part}")
            modules += 1
        emit(f"{NEW}.{name}.api.dtos", [])
        emit(f"{NEW}.{name}.api.ports", [f"{NEW}.{name}.api.dtos"])
        for index, module in enumerate(internal):
            targets = rng.sample(internal[:index], min(3, index)) if index else []
            targets.append(f"{NEW}.{name}.api.dtos")
            for dep in deps[name]:
                targets.append(f"{NEW}.{dep}.api.ports")
            if rng.random() < 0.01 and deps[name]:  # a planted rule-1 finding
                targets.append(f"{NEW}.{deps[name][0]}.internal.g0.f00")
            if rng.random() < 0.005:  # a planted rule-2 finding
                targets.append(f"{NEW}.{names[-1]}.api.ports" if name != names[-1] else f"{NEW}.{names[0]}.api.ports")
            emit(module, targets)
        package(root, f"{LEGACY}.{name}")
        modules += 1
        legacy = [f"{LEGACY}.{name}.svc{k}" for k in range(6)]
        for index, module in enumerate(legacy):
            emit(module, [f"{LEGACY}.infra.db{index}", f"{NEW}.domain.models", *legacy[:index][-2:]])
        package(root, f"{ACL}.{name}")
        modules += 1
        emit(f"{ACL}.{name}.adapter", [legacy[-1], f"{NEW}.{name}.api.ports"])
    emit(f"{NEW}.app.bootstrap", [f"{ACL}.{name}.adapter" for name in names])
    emit(f"{NEW}.app.journey", [f"{NEW}.{name}.api.ports" for name in names] + [f"{LEGACY}.{names[0]}.svc0"])
    write_configs(root, names, deps)
    return modules, edges


def write_configs(root: Path, names: list[str], deps: dict[str, list[str]]) -> None:
    ours = [
        "[tool.aicmo]",
        f'legacy = ["{LEGACY}", "{NEW}.domain"]',
        "",
        "[tool.aicmo.modules]",
        *[f"{name} = {deps[name]!r}".replace("'", '"') for name in names],
        "",
        "[tool.aicmo.boundaries]",
        f'packages = ["{NEW}", "{LEGACY}", "{ACL}"]',
        f'module_prefix = "{NEW}"',
        'public = "api"',
        f'acl = "{ACL}"',
        f'orchestrators = ["{NEW}.app"]',
        f'god_modules = ["{NEW}.domain"]',
        f'legacy_importers = ["{NEW}.app.bootstrap"]',
        "",
        "[tool.aicmo.boundaries.legacy_map]",
        f'"{LEGACY}.infra" = "legacy-infra"',
        *[f'"{LEGACY}.{name}" = "{name}"' for name in names],
        "",
    ]
    (root / "pyproject.toml").write_text("\n".join(ours), encoding="utf-8")
    contracts = ["[importlinter]", f"root_packages =\n    {NEW}\n    {LEGACY}\n    {ACL}", "include_external_packages = False", ""]
    for name in names:
        contracts += [
            f"[importlinter:contract:{name}-api-only]",
            f"name = only api crosses into {name}",
            "type = protected",
            f"protected_modules = {NEW}.{name}.internal",
            f"allowed_importers = {NEW}.{name}",
            "",
        ]
        others = [other for other in names if other != name and other not in deps[name]]
        contracts += [
            f"[importlinter:contract:{name}-declared]",
            f"name = {name} uses only its declared modules",
            "type = forbidden",
            f"source_modules = {NEW}.{name}",
            "forbidden_modules =\n" + "\n".join(f"    {NEW}.{other}" for other in others),
            "allow_indirect_imports = True",
            "",
        ]
    contracts += [
        "[importlinter:contract:legacy-via-acl]",
        "name = legacy is reached only through acl",
        "type = protected",
        f"protected_modules =\n    {LEGACY}\n    {NEW}.domain",
        f"allowed_importers =\n    {ACL}\n    {NEW}.app.bootstrap\n    {LEGACY}",
        "",
        "[importlinter:contract:legacy-imports-nothing-new]",
        "name = legacy imports nothing new",
        "type = forbidden",
        f"source_modules = {LEGACY}",
        "forbidden_modules =\n" + "\n".join(f"    {NEW}.{name}" for name in names) + f"\n    {NEW}.app",
        "allow_indirect_imports = True",
        "",
    ]
    (root / ".importlinter").write_text("\n".join(contracts), encoding="utf-8")


def graph_edges(root: Path) -> int:
    """The edges grimp sees (built without a cache, so neither tool is warmed)."""
    import grimp

    sys.path.insert(0, str(root))
    try:
        graph = grimp.build_graph(NEW, LEGACY, ACL, cache_dir=None)
    finally:
        sys.path.remove(str(root))
    return sum(len(graph.find_modules_directly_imported_by(m)) for m in graph.modules)


def age(root: Path, seconds: float = 3600) -> None:
    """Date every file back: a tree just written is all 'racily clean' to a stat-keyed cache."""
    stamp = time.time() - seconds
    for folder, _, files in os.walk(root):
        for name in files:
            os.utime(os.path.join(folder, name), (stamp, stamp))


def commands(folder: Path) -> dict[str, list[str]]:
    script = Path(sys.executable).with_name("aicmo")
    ours = [str(script)] if script.is_file() else [sys.executable, "-m", "aicmo.cli"]
    return {
        "ours": [*ours, "boundaries", "check", "--root", str(folder)],
        "import-linter": [str(Path(sys.executable).with_name("lint-imports")), "--no-logo",
                          "--cache-dir", str(folder / THEIR_CACHE)],
    }


class CommandRuns:
    """Runs one command per call, keeping its exit code, last output and children's CPU time."""

    def __init__(self, command: list[str], folder: Path):
        self.command, self.folder = command, folder
        self.cpu: list[float] = []
        self.codes: set[int] = set()
        self.summary = ""

    def __call__(self) -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(self.command, cwd=self.folder, capture_output=True, text=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        self.codes.add(done.returncode)
        lines = (done.stdout + done.stderr).strip().splitlines()
        self.summary = next((line for line in lines if line.startswith("Contracts:")), lines[-1] if lines else "")


def measure_tools(folder: Path, rounds: int) -> tuple[dict[str, Samples], dict[str, CommandRuns]]:
    tools = commands(folder)
    runs = {f"{tool} {state}": CommandRuns(command, folder)
            for tool, command in tools.items() for state in ("cold", "warm")}
    caches = {"ours": OURS_CACHE, "import-linter": THEIR_CACHE}

    def before_each(path: str) -> None:  # not timed
        tool, state = path.rsplit(" ", 1)
        if state == "cold":
            shutil.rmtree(folder / caches[tool], ignore_errors=True)

    paths: dict[str, Callable[[], object]] = dict(runs)
    samples = interleaved(paths, rounds, before_each=before_each)
    for name, measured in samples.items():
        measured.cpu = runs[name].cpu[1:]  # the children's CPU, not this process's; round 0 warms up
    return samples, runs


def table(samples: dict[str, Samples]) -> tuple[str, dict[str, tuple[float, float]]]:
    ratios = {state: samples[f"ours {state}"].ratio_to(samples[f"import-linter {state}"]) for state in ("cold", "warm")}
    lines = ["| | cold wall | cold CPU | warm wall | warm CPU |", "|---|---:|---:|---:|---:|"]
    for label, tool in (("`aicmo boundaries check`", "ours"), ("import-linter, equivalent contracts", "import-linter")):
        cold, warm = samples[f"{tool} cold"].cells(digits=0), samples[f"{tool} warm"].cells(digits=0)
        lines.append(f"| {label} | {cold[0]} | {cold[1]} | {warm[0]} | {warm[1]} |")
    lines.append(f"| ratio (ours / import-linter) | {ratios['cold'][0]:.2f} | {ratios['cold'][1]:.2f} "
                 f"| {ratios['warm'][0]:.2f} | {ratios['warm'][1]:.2f} |")
    return "\n".join(lines), ratios


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=48, help="business modules in the synthetic tree")
    parser.add_argument("--rounds", type=int, default=9, help="measured rounds (one more warms up)")
    parser.add_argument("--print-only", action="store_true",
                        help="print the table, leave README.md and benchmarks/results/ alone")
    parser.add_argument("--keep", action="store_true", help="keep the synthetic tree and print its folder")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="aicmo-boundaries-bench-"))
    try:
        modules, edges = build_tree(folder, args.modules)
        graph = graph_edges(folder)
        age(folder)
        print(f"synthetic tree: {modules} modules, {edges} import statements ({graph} direct import edges), "
              f"{args.modules} business modules")
        if modules < 4000 or edges < 15000:
            print("tree too small for the benchmark's floor (4,000 modules, 15,000 edges)", file=sys.stderr)
            return 2
        samples, runs = measure_tools(folder, args.rounds)
        for name, run in runs.items():
            print(f"{name:20} exit {sorted(run.codes)}: {run.summary[:90]}")
        text, ratios = table(samples)
        load = load_average()
    finally:
        if args.keep:
            print(f"tree kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    block = (f"`benchmarks/boundaries.py` runs our check and import-linter as commands on a synthetic tree of "
             f"{modules:,} modules and {graph:,} import edges, {args.rounds} rounds interleaved; cold removes the "
             f"tool's cache before the run, warm keeps the previous run's. Milliseconds, median (interquartile "
             f"range); CPU is the processes' user + system time ({load}):\n\n{text}")
    print(text)
    if args.print_only:
        return 0
    warm_met, cold_met = ratios["warm"][0] <= WARM_GOAL, ratios["cold"][0] <= COLD_GOAL
    write_headlines("boundaries", [
        Headline("boundaries check warm / import-linter warm (wall)",
                 f"{ratios['warm'][0]:.2f}x (CPU {ratios['warm'][1]:.2f}x)", f"≤ {WARM_GOAL}x", warm_met),
        Headline("boundaries check cold / import-linter cold (wall)",
                 f"{ratios['cold'][0]:.2f}x (CPU {ratios['cold'][1]:.2f}x)", f"≤ {COLD_GOAL}x", cold_met),
    ])
    replace_block(ROOT / "README.md", BEGIN, END, block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
