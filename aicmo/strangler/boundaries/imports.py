"""The first-party imports of the checked packages, with an incremental cache keyed by content.

``.aicmo_cache/boundaries-files.marshal`` (beside pyproject.toml, gitignored) keeps, for each
source file, a digest of its content, its direct imports, the names it imports, its literal
dynamic imports and whether the running Python could parse it. A run reads and hashes every
file (no stat stamp is trusted: an edit that keeps a file's size and mtime is still seen); a
file is parsed and scanned again only when its digest changed.

What is trusted, and what is not:
- Another version of the check (the package version, ``FORMAT``, its own source files), of
  grimp or of Python (whose parser decides which files are readable), or any change to the
  `[tool.aicmo.boundaries]` configuration, discards the whole cache.
- A module added or removed can change how other files' imports resolve (``from a import b``
  is ``a.b`` only while that module exists; an import of a missing module is dropped), so the
  direct imports of every file are scanned again then; the digests are still reused.
- A cache file that is missing, truncated or altered is ignored and rewritten (cache_file).

The findings themselves are cached too, under the fingerprint of all of the above (see
check.RESULT_CACHE), so an unchanged tree costs a read and a digest per file and two small reads.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import marshal
import os
import sys
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Callable, Optional

from aicmo.strangler.boundaries import cache_file
from aicmo.strangler.boundaries.config import BoundaryConfig
from aicmo.strangler.boundaries.dynamic import DynamicImport
from aicmo.strangler.boundaries.file_imports import Names, Unreadable, read_file
from aicmo.strangler.boundaries.scanner import GraphError, Imports, scan
from aicmo.strangler.boundaries.sources import SourceFile, graph_modules, walk_sources
from aicmo.strangler.ratchet import finding as finding_module

__all__ = ["CACHE_FOLDER", "GraphError", "ImportTable", "cache_header", "module_file", "read_imports"]

CACHE_FOLDER = ".aicmo_cache"
FILES_CACHE = "boundaries-files.marshal"
FORMAT = 3  # the cache's schema: 3 keys files by content and keeps the imported names
PACKAGE = "aicmo"

# The cache holds (module names, {path: content digest}, marshal of {path: Found}): the imports
# are decoded only when a file changed or the findings must be judged again.
Stamp = bytes  # the content digest
Found = tuple[Names, Names, Names, Unreadable]  # direct, dynamic, imported names; unreadable


class ImportTable:
    """The imports of every file, and the fingerprint of what they were read from.

    The direct and dynamic imports are decoded and assembled on first use: a run whose
    findings come from the result cache needs only the fingerprint.
    """

    def __init__(self, header: tuple[Any, ...], modules: dict[str, SourceFile], sources: list[SourceFile],
                 stamps: dict[str, Stamp], found: Callable[[], dict[str, Found]]):
        self._modules, self._sources, self._found = modules, sources, found
        fingerprint = hashlib.blake2b(repr(header).encode(), digest_size=20)
        for source in sources:
            stamp = stamps.get(source.path)
            if stamp is not None:
                fingerprint.update(source.path.encode() + b"\0" + stamp)
        self.fingerprint = fingerprint.digest()  # same configuration, tool versions and contents
        self.present = {source.path for source in sources if source.path in stamps}

    @cached_property
    def _imports(self) -> dict[str, Found]:
        return self._found()

    @cached_property
    def direct(self) -> Imports:
        """importer -> imported -> first line, for every module of the graph."""
        found = self._imports
        return {name: dict(found[source.path][0]) for name, source in self._modules.items() if source.path in self.present}

    @cached_property
    def dynamic(self) -> tuple[DynamicImport, ...]:
        """The literal dynamic imports, in file order."""
        found: list[DynamicImport] = []
        for source in self._sources:
            if source.path in self.present:
                found.extend(DynamicImport(source.module, imported, line) for imported, line in self._imports[source.path][1])
        return tuple(found)

    @cached_property
    def names(self) -> dict[str, Names]:
        """module -> the names its import statements import (empty when unreadable)."""
        found = self._imports
        return {name: found[source.path][2] for name, source in self._modules.items() if source.path in self.present}

    @cached_property
    def unreadable(self) -> tuple[tuple[str, str, int, str], ...]:
        """(file, module, line, why) of each file the running Python cannot parse."""
        return tuple((source.path, source.module, line, why) for source in self._sources
                     if source.path in self.present for line, why in self._imports[source.path][3])

    @cached_property
    def files(self) -> dict[str, str]:
        """module -> its repository-relative file."""
        return {name: source.path for name, source in self._modules.items()}


@lru_cache(maxsize=1)
def _tool_version() -> tuple[Any, ...]:
    """The check's own code (this package and the Finding the results are made of), grimp's
    version and Python's (marshal's format): a change to any of them discards the cache."""
    own = hashlib.blake2b(digest_size=16)
    for path in [*sorted(Path(__file__).parent.glob("*.py")), Path(finding_module.__file__)]:
        own.update(path.read_bytes())
    return FORMAT, _package_version(), own.digest(), _grimp_identity(), tuple(sys.version_info[:3])


def _package_version() -> str:
    try:
        return importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _grimp_identity() -> tuple[tuple[str, int, int], ...]:
    """The installed grimp's files that scan (name, size, mtime): another version or build
    differs. Found without importing grimp or importlib.metadata, ~50 ms between them."""
    spec = importlib.util.find_spec("grimp")
    if spec is None or spec.origin is None:
        return ()
    folder = Path(spec.origin).parent
    files = [folder / "__init__.py", *sorted(folder.glob("_rustgrimp*"))]
    return tuple((path.name, path.stat().st_size, path.stat().st_mtime_ns) for path in files if path.is_file())


def cache_header(config: BoundaryConfig) -> tuple[Any, ...]:
    """What a cache must have been written under to be read: tool versions and configuration."""
    return (*_tool_version(), repr(config))


def _content_digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _read(root: str, source: SourceFile) -> Optional[bytes]:
    try:
        with open(os.path.join(root, source.path), "rb") as handle:  # not pathlib: thousands of files
            return handle.read()
    except OSError:
        return None  # removed since the walk: as if it never was


class _Inconsistent(Exception):
    """A cache that passed its checksum but does not hold what its index promises."""


def read_imports(config: BoundaryConfig, use_cache: bool = True) -> ImportTable:
    try:
        return _read_imports(config, use_cache, use_cache)
    except _Inconsistent:
        return _read_imports(config, False, use_cache)  # read everything, and write a sound cache


def _decode(blob: bytes) -> dict[str, Found]:
    try:
        found = marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        raise _Inconsistent() from None
    if not isinstance(found, dict):
        raise _Inconsistent()
    return found


def _read_imports(config: BoundaryConfig, read_cache: bool, write_cache: bool) -> ImportTable:
    root = config.root
    packages = config.present_packages
    sources = walk_sources(str(root), packages, config.exclude)
    modules = graph_modules(sources)
    module_names = tuple(sorted(modules))
    header = cache_header(config)
    cache_path = root / CACHE_FOLDER / FILES_CACHE
    payload = cache_file.read(cache_path, header) if read_cache else None
    cached: dict[str, Stamp] = payload[1] if payload else {}
    same_modules = payload is not None and payload[0] == module_names

    def cached_found() -> dict[str, Found]:
        return _decode(payload[2]) if payload else {}

    stamps: dict[str, Stamp] = {}
    fresh: dict[str, Found] = {}  # files read again, whose imports replace the cached ones
    rescan: list[str] = []  # modules whose direct imports are scanned again
    for source in sources:
        data = _read(str(root), source)
        if data is None:
            continue
        digest = stamps[source.path] = _content_digest(data)
        in_graph = modules.get(source.module) is source
        if cached.get(source.path) == digest:
            if not same_modules and in_graph:
                rescan.append(source.module)
        else:
            names, dynamic, unreadable = read_file(data, source.module, source.path.endswith("/__init__.py"))
            fresh[source.path] = ((), dynamic, names, unreadable)
            if in_graph:
                rescan.append(source.module)

    if same_modules and stamps == cached:
        def lazily_found() -> dict[str, Found]:
            try:
                found = _decode(payload[2])
                if all(path in found for path in stamps):
                    return found
            except _Inconsistent:
                pass
            return _read_imports(config, False, write_cache)._imports

        return ImportTable(header, modules, sources, stamps, lazily_found)  # nothing to write
    before = cached_found()
    if any(path not in fresh and path not in before for path in stamps):
        raise _Inconsistent()
    found = {path: fresh.get(path) or before[path] for path in stamps}
    for module, imported in scan(str(root), packages, modules, rescan).items():
        path = modules[module].path
        found[path] = (tuple(imported.items()), *found[path][1:])
    if write_cache:
        cache_file.write(cache_path, header, (module_names, stamps, marshal.dumps(found)))
    return ImportTable(header, modules, sources, stamps, lambda: found)


def module_file(root: Path, name: str) -> str:
    """The repository-relative file of a module (package modules are their __init__.py)."""
    base = name.replace(".", "/")
    if (root / base / "__init__.py").is_file():
        return f"{base}/__init__.py"
    return f"{base}.py"
