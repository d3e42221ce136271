"""`aicmo boundaries check`: every import edge judged by the rules, plus cycles between modules."""
from __future__ import annotations

from typing import Iterator

import attrs
from grimp import ImportGraph

from aicmo.strangler.boundaries.components import classifier
from aicmo.strangler.boundaries.config import BoundaryConfig
from aicmo.strangler.boundaries.dynamic import find_dynamic_imports
from aicmo.strangler.boundaries.imports import CACHE_DIR, build_graph, module_file
from aicmo.strangler.boundaries.rules import CYCLE, Judge, cycles
from aicmo.strangler.ratchet.finding import Finding

DYNAMIC_CACHE = "aicmo-dynamic-imports.json"  # beside grimp's own cache files


@attrs.frozen
class Edge:
    importer: str
    imported: str
    line: int  # 0 until a finding needs it (asking grimp for details costs time)
    dynamic: bool = False


@attrs.frozen
class Analysis:
    findings: tuple[Finding, ...]
    node_edges: dict[tuple[str, str], set[str]]  # (from node, to node) -> keys of findings on it


def _edges(config: BoundaryConfig, graph: ImportGraph, use_cache: bool) -> Iterator[Edge]:
    """grimp's direct imports, then the literal dynamic imports of first-party modules."""
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            yield Edge(importer, imported, 0)
    packages = config.present_packages
    cache = config.root / CACHE_DIR / DYNAMIC_CACHE if use_cache else None
    for found in find_dynamic_imports(config.root, packages, cache):
        if found.imported.split(".")[0] in packages:
            yield Edge(found.importer, found.imported, found.line, dynamic=True)


def _line(graph: ImportGraph, edge: Edge) -> int:
    if edge.line:
        return edge.line
    details = graph.get_import_details(importer=edge.importer, imported=edge.imported)
    return min((d["line_number"] for d in details), default=1)


def analyse(config: BoundaryConfig, use_cache: bool = True) -> Analysis:
    classify = classifier(config)
    judge = Judge(config)
    graph = build_graph(config.root, config.present_packages, use_cache)
    findings: dict[str, Finding] = {}
    node_edges: dict[tuple[str, str], set[str]] = {}
    first_edge: dict[tuple[str, str], Edge] = {}  # where each module-to-module edge is seen first
    for edge in _edges(config, graph, use_cache):
        source, target = classify(edge.importer), classify(edge.imported)
        verdict = judge.rule_for(source, target)
        pair = (source.node, target.node)
        keys = node_edges.setdefault(pair, set()) if source.node != target.node else None
        if verdict is None:
            if keys is not None and source.module and target.module:
                first_edge.setdefault(pair, edge)
            continue
        rule, alternative = verdict
        key = f"{rule}:{edge.importer}->{edge.imported}"
        if key in findings:
            continue
        line = _line(graph, edge)
        how = "imports dynamically" if edge.dynamic else "imports"
        findings[key] = Finding(rule, key, module_file(config.root, edge.importer), line,
                                f"{edge.importer} {how} {edge.imported}", alternative)
        if keys is not None:
            keys.add(key)
            first_edge.setdefault(pair, attrs.evolve(edge, line=line))
    for members in _module_cycles(node_edges, config):
        edge = next(first_edge[p] for p in sorted(first_edge) if p[0] in members and p[1] in members)
        key = f"{CYCLE}:{','.join(members)}"
        findings[key] = Finding(CYCLE, key, module_file(config.root, edge.importer), _line(graph, edge),
                                f"modules {', '.join(members)} depend on each other",
                                "break the cycle: one direction must go through events or orchestration")
    return Analysis(tuple(sorted(findings.values(), key=lambda f: (f.file, f.line, f.key))), node_edges)


def _module_cycles(node_edges: dict[tuple[str, str], set[str]], config: BoundaryConfig) -> list[list[str]]:
    modules = set(config.modules)
    return cycles((a, b) for a, b in node_edges if a in modules and b in modules)


def check(config: BoundaryConfig, use_cache: bool = True) -> list[Finding]:
    return list(analyse(config, use_cache).findings)

