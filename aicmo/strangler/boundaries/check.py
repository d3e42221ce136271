"""`aicmo boundaries check`: every import edge judged by the rules, plus cycles between modules."""
from __future__ import annotations

from typing import Any, Iterator, NamedTuple, Optional

import attrs

from aicmo.strangler.boundaries import cache_file
from aicmo.strangler.boundaries.components import Component, classifier
from aicmo.strangler.boundaries.config import BoundaryConfig
from aicmo.strangler.boundaries.imports import CACHE_FOLDER, ImportTable, module_file, read_imports
from aicmo.strangler.boundaries.rules import CYCLE, Judge, cycles
from aicmo.strangler.ratchet.finding import Finding

# The findings of the last run, under the fingerprint of what they were computed from (tool
# versions, configuration, every file's content). The baseline is not part of it: findings
# do not depend on it, and the comparison with the baseline is made afresh on every run.
RESULT_CACHE = "boundaries-result.marshal"


class Edge(NamedTuple):  # a tuple: one per import, tens of thousands a run
    importer: str
    imported: str
    line: int
    dynamic: bool = False


@attrs.frozen
class Analysis:
    findings: tuple[Finding, ...]
    node_edges: dict[tuple[str, str], set[str]]  # (from node, to node) -> keys of findings on it


def _edges(config: BoundaryConfig, table: ImportTable) -> Iterator[Edge]:
    """The direct imports, then the literal dynamic imports of first-party modules."""
    for importer in sorted(table.direct):
        imported = table.direct[importer]
        for target in sorted(imported):
            yield Edge(importer, target, imported[target])
    packages = config.present_packages
    for found in table.dynamic:
        if found.imported.split(".")[0] in packages:
            yield Edge(found.importer, found.imported, found.line, dynamic=True)


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
            tuple((pair, tuple(sorted(keys))) for pair, keys in analysis.node_edges.items()))


def _from_payload(payload: Any) -> Analysis:
    findings, node_edges = payload
    return Analysis(tuple(Finding(*f) for f in findings), {tuple(pair): set(keys) for pair, keys in node_edges})


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
    node_edges: dict[tuple[str, str], set[str]] = {}
    first_edge: dict[tuple[str, str], Edge] = {}  # where each module-to-module edge is seen first
    for edge in _edges(config, table):
        (source, source_number), (target, target_number) = component(edge.importer), component(edge.imported)
        numbers_pair = (source_number, target_number)
        if numbers_pair in verdicts:
            verdict = verdicts[numbers_pair]
        else:
            verdict = verdicts[numbers_pair] = judge.rule_for(source, target)
        pair = (source.node, target.node)
        keys = node_edges.setdefault(pair, set()) if source.node != target.node else None
        if verdict is None:
            if keys is not None and source.module and target.module and pair not in first_edge:
                first_edge[pair] = edge
            continue
        rule, alternative = verdict
        key = f"{rule}:{edge.importer}->{edge.imported}"
        if key in findings:
            continue
        how = "imports dynamically" if edge.dynamic else "imports"
        findings[key] = Finding(rule, key, file_of(edge.importer), edge.line,
                                f"{edge.importer} {how} {edge.imported}", alternative)
        if keys is not None:
            keys.add(key)
            first_edge.setdefault(pair, edge)
    for members in _module_cycles(node_edges, config):
        edge = next(first_edge[p] for p in sorted(first_edge) if p[0] in members and p[1] in members)
        key = f"{CYCLE}:{','.join(members)}"
        findings[key] = Finding(CYCLE, key, file_of(edge.importer), edge.line,
                                f"modules {', '.join(members)} depend on each other",
                                "break the cycle: one direction must go through events or orchestration")
    return Analysis(tuple(sorted(findings.values(), key=lambda f: (f.file, f.line, f.key))), node_edges)


def _module_cycles(node_edges: dict[tuple[str, str], set[str]], config: BoundaryConfig) -> list[list[str]]:
    modules = set(config.modules)
    return cycles((a, b) for a, b in node_edges if a in modules and b in modules)


def check(config: BoundaryConfig, use_cache: bool = True) -> list[Finding]:
    return list(analyse(config, use_cache).findings)

