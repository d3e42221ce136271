"""The direct imports of some modules, read by grimp's import scanner (the one grimp and
import-linter build their graphs with: a parser written in Rust, run on several threads).

Only the files whose cached imports cannot be reused are scanned. The scanner resolves each
import against every module of the checked packages (``from a import b`` is ``a.b`` when that
module exists, else ``a``), so it is handed the whole module set however few files it reads.

grimp's scanner is not part of its documented API; when it cannot be called, the graph is
built with the documented ``grimp.build_graph`` instead (slower, same imports).
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Iterable, Iterator, Mapping

from aicmo.strangler.boundaries.sources import SourceFile

Imports = dict[str, dict[str, int]]  # importer -> imported -> first line


class GraphError(RuntimeError):
    """The import graph cannot be built (a file that does not parse, a package not found)."""


def scan(root: str, packages: tuple[str, ...], modules: Mapping[str, SourceFile], wanted: Iterable[str]) -> Imports:
    """importer -> {imported first-party module: first line} for each wanted module."""
    wanted = sorted(set(wanted))
    if not wanted:
        return {}
    from grimp.exceptions import GrimpException  # grimp costs ~40 ms to import: only when scanning

    try:
        try:
            return _scan_with_grimp_scanner(root, packages, modules, wanted)
        except (ImportError, AttributeError, TypeError):
            return _scan_with_graph(root, packages, modules, wanted)
    except (GrimpException, ValueError) as exc:
        raise GraphError(f"cannot build the import graph: {exc}") from None


def _scan_with_grimp_scanner(root: str, packages: tuple[str, ...], modules: Mapping[str, SourceFile],
                             wanted: list[str]) -> Imports:
    from grimp import _rustgrimp as rust
    from grimp.application.config import settings
    from grimp.application.ports.modulefinder import FoundPackage, ModuleFile
    from grimp.domain.valueobjects import Module

    files: dict[str, list[ModuleFile]] = {package: [] for package in packages}
    by_name: dict[str, ModuleFile] = {}
    for name, source in modules.items():
        module_file = ModuleFile(Module(name), source.mtime_ns / 1e9)
        files[name.split(".")[0]].append(module_file)
        by_name[name] = module_file
    found = {FoundPackage(name=package, directory=os.path.join(root, package),
                          module_files=frozenset(files[package])) for package in packages}
    scanned = rust.scan_for_imports(
        module_files=tuple(by_name[name] for name in wanted),
        found_packages=found,
        include_external_packages=False,
        exclude_type_checking_imports=False,
        file_system=settings.FILE_SYSTEM.convert_to_basic(),
    )
    imports: Imports = {name: {} for name in wanted}
    for module, direct_imports in scanned.items():
        lines = imports[module.name]
        for direct in direct_imports:
            target = direct.imported.name
            lines[target] = min(direct.line_number, lines.get(target, direct.line_number))
    return imports


@contextmanager
def _importable(root: str) -> Iterator[None]:
    # grimp.build_graph finds packages through the import system: the checked tree goes first
    sys.path.insert(0, root)
    sys.path_importer_cache.pop(root, None)
    try:
        yield
    finally:
        sys.path.remove(root)


def _scan_with_graph(root: str, packages: tuple[str, ...], modules: Mapping[str, SourceFile],
                     wanted: list[str]) -> Imports:
    import grimp

    with _importable(root):
        graph = grimp.build_graph(*packages, cache_dir=None)
    imports: Imports = {}
    for importer in wanted:
        lines = imports.setdefault(importer, {})
        if importer not in graph.modules:
            continue
        for imported in graph.find_modules_directly_imported_by(importer):
            if imported not in modules:
                continue  # an excluded module: the scanner above is never told of it either
            details = graph.get_import_details(importer=importer, imported=imported)
            lines[imported] = min((d["line_number"] for d in details), default=1)
    return imports
