"""`aicmo boundaries check`: every import edge judged by the rules, plus cycles between modules."""
from __future__ import annotations

import sys
from typing import Any, Iterator, Mapping, NamedTuple, Optional

import attrs

from aicmo.strangler.boundaries import cache_file
from aicmo.strangler.boundaries.components import Component, classifier
from aicmo.strangler.boundaries.config import BoundaryConfig
from aicmo.strangler.boundaries.imports import CACHE_FOLDER, ImportTable, module_file, read_imports
from aicmo.strangler.boundaries.rules import API_ONLY, CYCLE, UNREADABLE_FILE, Judge, cycles
from aicmo.strangler.ratchet.finding import Finding

# The findings of the last run, under the fingerprint of what they were computed from (tool
# versions, configuration, every file's content). The baseline is not part of it: findings
# do not depend on it, and the comparison with the baseline is made afresh on every run.
RESULT_CACHE = "boundaries-result.marshal"


class Edge(NamedTuple):  # a tuple: one per import, tens of thousands a run
    importer: str
    imported: str  # the imported module
    name: str  # the imported name: the module, or `module.symbol` for `from module import symbol`
    line: int
    dynamic: bool = False


@attrs.frozen
class Analysis:
    findings: tuple[Finding, ...]
    node_edges: dict[tuple[str, str], set[str]]  # (from node, to node) -> keys of findings on it
    # finding key -> its key in the baseline format 1 (one per module edge, cycles per module set)
    former_keys: dict[str, str] = attrs.field(factory=dict)


def _module_of(name: str, modules: Mapping[str, str]) -> Optional[str]:
    """The module an imported name resolves to: its longest prefix that is a module."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def _edges(config: BoundaryConfig, table: ImportTable) -> Iterator[Edge]:
    """One edge per imported name: grimp's module-to-module imports, split by the names the
    file imports along each (the module itself when the names are unknown), then the literal
    dynamic imports of first-party modules."""
    modules = table.files
    names = table.names
    for importer in sorted(table.direct):
        imported = table.direct[importer]
        named: dict[str, list[tuple[str, int]]] = {}
        for name, line in names.get(importer, ()):
            target = _module_of(name, modules)
            if target in imported:
                named.setdefault(target, []).append((name, line))
        for target in sorted(imported):
            for name, line in named.get(target) or [(target, imported[target])]:
                yield Edge(importer, target, name, line)
    packages = config.present_packages
    for found in table.dynamic:
        if found.imported.split(".")[0] in packages:
            yield Edge(found.importer, found.imported, found.imported, found.line, dynamic=True)


def analyse(config: BoundaryConfig, use_cache: bool = True) -> Analysis:
    """The findings; with the cache, an unchanged tree and configuration reuse the last ones."""
    table = read_imports(config, use_cache)
    path = config.root / CACHE_FOLDER / RESULT_CACHE
    if use_cache:
        stored = cache_file.read(path, table.fingerprint)
        if stored is not None:
            try:
                return _from_payload(stored)
            except (TypeError, ValueError):
                pass  # not the shape this version writes: judge again
    analysis = _analyse(config, table)
    if use_cache:
        cache_file.write(path, table.fingerprint, _to_payload(analysis))
    return analysis


def _to_payload(analysis: Analysis) -> Any:
    return (tuple(attrs.astuple(f) for f in analysis.findings),
            tuple((pair, tuple(sorted(keys))) for pair, keys in analysis.node_edges.items()),
            tuple(sorted(analysis.former_keys.items())))


def _from_payload(payload: Any) -> Analysis:
    findings, node_edges, former_keys = payload
    return Analysis(tuple(Finding(*f) for f in findings), {tuple(pair): set(keys) for pair, keys in node_edges},
                    dict(former_keys))


def _analyse(config: BoundaryConfig, table: ImportTable) -> Analysis:
    classify = classifier(config)
    judge = Judge(config)
    # Tens of thousands of edges but few distinct components: each module's component is
    # numbered once, and the rule is decided once per pair of component numbers.
    numbers: dict[Component, int] = {}
    components: dict[str, tuple[Component, int]] = {}
    verdicts: dict[tuple[int, int], Optional[tuple[str, str]]] = {}

    def component(module: str) -> tuple[Component, int]:
        found = components.get(module)
        if found is None:
            value = classify(module)
            found = components[module] = (value, numbers.setdefault(value, len(numbers)))
        return found

    def file_of(module: str) -> str:
        return table.files.get(module) or module_file(config.root, module)

    findings: dict[str, Finding] = {}
    former_keys: dict[str, str] = {}
    node_edges: dict[tuple[str, str], set[str]] = {}
    places: dict[tuple[str, str], dict[str, int]] = {}  # module-to-module edge -> file -> first line
    for edge in _edges(config, table):
        (source, source_number), (target, target_number) = component(edge.importer), component(edge.imported)
        numbers_pair = (source_number, target_number)
        if numbers_pair in verdicts:
            verdict = verdicts[numbers_pair]
        else:
            verdict = verdicts[numbers_pair] = judge.rule_for(source, target)
        if verdict is not None and verdict[0] == API_ONLY and target.module and judge.public_name(target.module, edge.name):
            verdict = None  # a symbol the module names as public (`module.Name`)
        pair = (source.node, target.node)
        keys = node_edges.setdefault(pair, set()) if source.node != target.node else None
        if keys is not None and source.module and target.module:
            where = places.setdefault(pair, {})
            file = file_of(edge.importer)
            where[file] = min(edge.line, where.get(file, edge.line))
        if verdict is None:
            continue
        rule, alternative = verdict
        key = f"{rule}:{edge.importer}->{edge.name}"
        if key in findings:
            continue
        how = "imports dynamically" if edge.dynamic else "imports"
        findings[key] = Finding(rule, key, file_of(edge.importer), edge.line,
                                f"{edge.importer} {how} {edge.name}", alternative)
        former_keys[key] = f"{rule}:{edge.importer}->{edge.imported}"
        if keys is not None:
            keys.add(key)
    for finding in _cycle_findings(config, node_edges, places, former_keys):
        findings[finding.key] = finding
    version = ".".join(map(str, sys.version_info[:2]))
    for file, module, line, why in table.unreadable:
        key = f"{UNREADABLE_FILE}:{file}"
        findings[key] = Finding(
            UNREADABLE_FILE, key, file, line,
            f"{module} cannot be parsed by Python {version} ({why}): the names it imports and its dynamic imports go unchecked",
            "run the check with the Python the code is written for, or list the file under [tool.aicmo.boundaries] exclude")
    return Analysis(tuple(sorted(findings.values(), key=lambda f: (f.file, f.line, f.key))), node_edges, former_keys)


def _cycle_findings(config: BoundaryConfig, node_edges: dict[tuple[str, str], set[str]],
                    places: dict[tuple[str, str], dict[str, int]], former_keys: dict[str, str]) -> Iterator[Finding]:
    """One finding per undeclared module edge inside a cycle: the imports that close it.

    The declared map is acyclic, so every cycle holds at least one undeclared edge; keyed by
    that edge, a baselined cycle keeps its key when another edge joins it (a new finding for
    the new edge, nothing stale), and is found at the files whose imports make the edge.
    """
    modules = set(config.modules)
    for members in cycles((a, b) for a, b in node_edges if a in modules and b in modules):
        inside = set(members)
        for a, b in sorted(places):
            if a not in inside or b not in inside or b in config.modules.get(a, ()):
                continue
            (file, line), *others = sorted(places[(a, b)].items())
            key = f"{CYCLE}:{a}->{b}"
            former_keys[key] = f"{CYCLE}:{','.join(members)}"
            yield Finding(CYCLE, key, file, line,
                          f"{a} -> {b} closes a cycle: modules {', '.join(members)} depend on each other",
                          f"{a} may not use {b}, which already reaches {a}: go through events or orchestration",
                          tuple(others))


def check(config: BoundaryConfig, use_cache: bool = True) -> list[Finding]:
    return list(analyse(config, use_cache).findings)
