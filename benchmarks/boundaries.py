"""Benchmark: `aicmo boundaries check` against import-linter on one synthetic tree, in one run.

Builds a package tree of at least 4,000 modules and 15,000 import edges in a temporary
folder (its own module map in its own pyproject.toml), writes import-linter contracts
equivalent to our rules, then times each tool as a command: cold (no cache) and warm
(cache present, median of several runs). Prints the figures and the warm ratio.

    python benchmarks/boundaries.py                   # 48 modules, about 4,300 files
    python benchmarks/boundaries.py --modules 60 --repeat 5 --keep

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
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
        "[tool.aicmo.boundaries]",
        f'packages = ["{NEW}", "{LEGACY}", "{ACL}"]',
        f'module_prefix = "{NEW}"',
        'public = "api"',
        f'acl = "{ACL}"',
        f'orchestrators = ["{NEW}.app"]',
        f'legacy = ["{LEGACY}", "{NEW}.domain"]',
        f'god_modules = ["{NEW}.domain"]',
        f'legacy_importers = ["{NEW}.app.bootstrap"]',
        "",
        "[tool.aicmo.boundaries.modules]",
        *[f"{name} = {deps[name]!r}".replace("'", '"') for name in names],
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
        f"forbidden_modules =\n" + "\n".join(f"    {NEW}.{name}" for name in names) + f"\n    {NEW}.app",
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


def timed(command: list[str], cwd: Path) -> tuple[float, int, str]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - start, done.returncode, done.stdout + done.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=48, help="business modules in the synthetic tree")
    parser.add_argument("--repeat", type=int, default=3, help="warm runs per tool (the median is reported)")
    parser.add_argument("--keep", action="store_true", help="keep the synthetic tree and print its folder")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="aicmo-boundaries-bench-"))
    try:
        modules, edges = build_tree(folder, args.modules)
        print(f"synthetic tree: {modules} modules, {edges} import statements, {args.modules} business modules")
        if modules < 4000 or edges < 15000:
            print("tree too small for the benchmark's floor (4,000 modules, 15,000 edges)", file=sys.stderr)
            return 2
        print(f"import graph: {graph_edges(folder)} direct import edges between first-party modules")
        ours = [sys.executable, "-m", "aicmo.cli", "boundaries", "check", "--root", str(folder)]
        theirs = [str(Path(sys.executable).with_name("lint-imports")), "--no-logo",
                  "--cache-dir", str(folder / ".import_linter_cache")]
        results: dict[str, dict[str, float]] = {}
        for label, command, cache in (("aicmo boundaries check", ours, ".grimp_cache"),
                                      ("import-linter", theirs, ".import_linter_cache")):
            shutil.rmtree(folder / cache, ignore_errors=True)
            cold, code, output = timed(command, folder)
            warm_runs = [timed(command, folder)[0] for _ in range(args.repeat)]
            results[label] = {"cold": cold, "warm": statistics.median(warm_runs)}
            lines = output.strip().splitlines()
            summary = next((line for line in lines if line.startswith("Contracts:")), lines[-1] if lines else "")
            print(f"{label:24} cold {cold:6.2f} s   warm {results[label]['warm']:6.2f} s   "
                  f"(exit {code}: {summary[:90]})")
        ratio_warm = results["aicmo boundaries check"]["warm"] / results["import-linter"]["warm"]
        ratio_cold = results["aicmo boundaries check"]["cold"] / results["import-linter"]["cold"]
        print(f"ratio ours/import-linter: warm {ratio_warm:.2f}, cold {ratio_cold:.2f} "
              f"({'goal met' if ratio_warm <= 1 else 'goal missed'}: warm no slower than import-linter)")
        return 0 if ratio_warm <= 1 else 1
    finally:
        if args.keep:
            print(f"tree kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
