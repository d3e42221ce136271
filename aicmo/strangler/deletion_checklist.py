"""The deletion checklist: per module, what goes with its legacy code and what must change first.

Read from the repository, never typed in:

- the module's frozen legacy files (the manifest's files that the boundaries' legacy map gives
  the module) and its anti-corruption adapter (``acl/<module>/``, except the legacy-view sync,
  which stays while legacy readers of the old columns remain);
- the code that still imports them and would break: other legacy files and other modules'
  adapters (deleting the module waits until they stop), and test fixtures (``conftest.py``);
- the tests marked ``legacy_internals(<module>)``: they call that legacy code directly, not
  through a port, and go with it. A test file that imports a module's legacy code (directly or
  through a test helper) without naming it in the marker is a finding;
- the entries of the boundaries and ownership baselines whose file goes with the module: the
  ratchet would call them stale once the file is gone, so they are pruned in the same change.

    python -m aicmo.strangler.deletion_checklist                  # print the checklist (Markdown)
    python -m aicmo.strangler.deletion_checklist --write MIGRATION.md   # between its markers
"""
from __future__ import annotations

import argparse
import ast
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Optional

from aicmo.shared.persistence.ownership import MODULES
from aicmo.strangler.boundaries.config import BoundaryConfig, find_root, load_config
from aicmo.strangler.document_blocks import replace_block
from aicmo.strangler.legacy_deletion import legacy_owner
from aicmo.strangler.legacy_freeze import read_manifest

__all__ = ["DELETION_UNITS", "MARKER", "Checklist", "read_checklist", "render"]

MARKER = "legacy_internals"
# besides the business modules: the legacy operator flow and the god module, deleted last
DELETION_UNITS = (*MODULES, "orchestration", "domain")
OUTLIVES_THE_MODULE = ("legacy_view_sync",)  # acl/<module>/ files kept after the module's deletion
BEGIN, END = "<!-- deletion-checklist:begin -->", "<!-- deletion-checklist:end -->"


@dataclass
class PythonFile:
    path: str  # relative to the root, posix
    name: str  # dotted module name
    imports: set[str] = field(default_factory=set)  # anywhere in the file
    eager_imports: set[str] = field(default_factory=set)  # at module level: run on import
    declared: set[str] = field(default_factory=set)  # the names given to legacy_internals(...)


@dataclass
class Checklist:
    legacy_files: dict[str, list[str]]
    adapters: dict[str, list[str]]
    importers: dict[str, list[str]]  # legacy or adapter files of other units importing a unit's code
    fixtures: dict[str, list[str]]  # conftest files importing a unit's code
    tests: dict[str, list[str]]  # test files marked legacy_internals(unit)
    findings: list[str]  # undeclared legacy imports, unknown names in markers
    baseline_entries: dict[str, list[str]] = field(default_factory=dict)  # "<baseline file>: <key>" per unit


def _dotted(path: str) -> str:
    return path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def _parse(root: Path, path: Path) -> PythonFile:
    relative = path.relative_to(root).as_posix()
    parsed = PythonFile(relative, _dotted(relative))
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=relative)
    top_level = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        names: set[str] = set()
        if isinstance(node, ast.Import):
            names = {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}  # submodules too
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == MARKER:
            parsed.declared.update(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
        parsed.imports |= names
        if id(node) in top_level:
            parsed.eager_imports |= names
    return parsed


def _unit_of(name: str, config: BoundaryConfig, known: set[str], kept_packages: set[str]) -> Optional[str]:
    """The deletion unit whose code ``name`` is, or None (not legacy, shared plumbing, unknown).

    An adapter package that holds a file outliving the module stays, so its ``__init__`` is nobody's.
    """
    parts = name.split(".")
    if parts[0] == config.acl:
        if len(parts) < 2 or parts[1] not in MODULES:
            return None
        if (len(parts) > 2 and parts[2] in OUTLIVES_THE_MODULE) or (len(parts) == 2 and parts[1] in kept_packages):
            return None
        return parts[1]
    if name not in known:
        return None
    if name == "aicmo.domain" or name.startswith("aicmo.domain."):
        return "domain"
    unit = legacy_owner(name.replace(".", "/") + ".py", config.legacy_map)
    return unit if unit in DELETION_UNITS else None


def read_checklist(root: Optional[Path] = None) -> Checklist:
    root = root or find_root(Path.cwd())
    config = load_config(root)
    manifest = sorted(read_manifest(root))
    adapters = sorted(p.relative_to(root).as_posix() for p in (root / config.acl).glob("*/*.py"))
    known = {_dotted(p) for p in manifest + adapters}
    kept_packages = {Path(p).parent.name for p in adapters if Path(p).stem in OUTLIVES_THE_MODULE}
    files = {p: _parse(root, root / p) for p in manifest + adapters if p.endswith(".py")}
    tests = {f.name: f for f in (_parse(root, p) for p in sorted((root / "tests").rglob("*.py")))}

    def units(names: Iterable[str]) -> set[str]:
        return {u for n in names if (u := _unit_of(n, config, known, kept_packages))}

    def reach(test: PythonFile) -> set[str]:
        """The legacy units a test file imports, or the test helpers it imports import when loaded.

        A helper's imports inside its functions are not counted: they run only if the test
        calls that function (a corpus reader of legacy files, say), which this cannot tell.
        """
        seen, todo, found = {test.name}, [test], set()
        while todo:
            current = todo.pop()
            imports = current.imports if current is test else current.eager_imports
            found |= units(imports)
            for name in imports:
                helper = tests.get(name)
                if helper is not None and helper.name not in seen and not Path(helper.path).name.startswith("test_"):
                    seen.add(helper.name)
                    todo.append(helper)
        return found

    checklist = Checklist({u: [] for u in DELETION_UNITS}, {u: [] for u in DELETION_UNITS}, {u: [] for u in DELETION_UNITS},
                          {u: [] for u in DELETION_UNITS}, {u: [] for u in DELETION_UNITS}, [])
    for path, parsed in files.items():
        own = _unit_of(parsed.name, config, known, kept_packages)
        if own is None and path.startswith(config.acl + "/"):
            pass  # shared adapter support or a sync that outlives its module: it is nobody's to delete
        elif own is not None:
            (checklist.adapters if path.startswith(config.acl + "/") else checklist.legacy_files)[own].append(path)
        for unit in sorted(units(parsed.imports) - {own}):
            checklist.importers[unit].append(path)
    for test in tests.values():
        filename = Path(test.path).name
        unknown = sorted(test.declared - set(DELETION_UNITS))
        if unknown:
            checklist.findings.append(f"{test.path}: {MARKER} names {', '.join(unknown)}; use {', '.join(DELETION_UNITS)}")
        if filename == "conftest.py":
            for unit in sorted(units(test.imports)):
                checklist.fixtures[unit].append(test.path)
        elif filename.startswith("test_"):
            undeclared = sorted(reach(test) - test.declared)
            if undeclared:
                checklist.findings.append(
                    f"{test.path}: imports the legacy code of {', '.join(undeclared)} without "
                    f"pytest.mark.{MARKER}({', '.join(repr(u) for u in undeclared)})")
            for unit in sorted(test.declared & set(DELETION_UNITS)):
                checklist.tests[unit].append(test.path)
    checklist.baseline_entries = _baseline_entries(root, config, checklist)
    return checklist


def _baseline_entries(root: Path, config: BoundaryConfig, checklist: Checklist) -> dict[str, list[str]]:
    """Per unit, the baseline entries recorded against a file the unit's deletion removes."""
    owner = {path: unit for unit in DELETION_UNITS
             for path in checklist.legacy_files[unit] + checklist.adapters[unit]}
    found: dict[str, list[str]] = {unit: [] for unit in DELETION_UNITS}
    for baseline in (config.baseline, config.ownership.get("baseline", "ownership-baseline.json")):
        path = root / baseline
        if not path.is_file():
            continue
        for entry in json.loads(path.read_text(encoding="utf-8")).get("entries", []):
            unit = owner.get(entry.get("file", ""))
            if unit is not None:
                found[unit].append(f"{baseline}: {entry['key']}")
    return {unit: sorted(entries) for unit, entries in found.items()}


def _items(title: str, paths: list[str], none: str) -> list[str]:
    if not paths:
        return [f"- {title}: {none}"]
    return [f"- {title} ({len(paths)}):"] + [f"  - `{p}`" for p in paths]


def render(checklist: Checklist) -> str:
    """The checklist as Markdown, one section per deletion unit."""
    lines = [
        "Generated by `python -m aicmo.strangler.deletion_checklist --write MIGRATION.md`; a test fails when it is stale.",
        "",
    ]
    titles: Mapping[str, str] = {"orchestration": "orchestration (the legacy operator flow)", "domain": "domain (the god module)"}
    for unit in DELETION_UNITS:
        lines += [f"### {titles.get(unit, unit)}", ""]
        lines += _items("legacy files deleted", checklist.legacy_files[unit], "none")
        lines += _items("adapter deleted", checklist.adapters[unit], "none")
        lines += _items("still imported by (must stop first)", checklist.importers[unit], "nothing")
        lines += _items("fixtures to rework first", checklist.fixtures[unit], "none")
        lines += _items("legacy-internal tests deleted with it", checklist.tests[unit], "none")
        lines += _items("baseline entries pruned with it", checklist.baseline_entries.get(unit, []), "none")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="The deletion checklist of every module, read from the repository.")
    parser.add_argument("--write", type=Path, metavar="DOCUMENT", help="put it between the markers of DOCUMENT")
    args = parser.parse_args(argv)
    checklist = read_checklist()
    text = render(checklist)
    if args.write:
        replace_block(args.write, BEGIN, END, text)
    else:
        sys.stdout.write(text)
    for finding in checklist.findings:
        print(f"error: {finding}", file=sys.stderr)
    return 1 if checklist.findings else 0


if __name__ == "__main__":
    sys.exit(main())
