"""The first-party imports of the checked packages, with an incremental cache keyed by content.

``.aicmo_cache/boundaries-files.marshal`` (beside pyproject.toml, gitignored) keeps, for each
source file, its stat stamp (mtime in ns, size), a digest of its content, its direct imports
and its literal dynamic imports. A run stats every file; a file is read again only when its
stamp changed, and scanned again only when its digest changed too.

What is trusted, and what is not:
- A matching stamp is trusted, as git and ruff trust it, with git's guard against "racily
  clean" files: a file modified within ``RACY_SECONDS`` of the run is stored without a stamp,
  so the next run compares its content even if an edit kept its size and mtime.
- Another version of the check (its own source files), of grimp or of Python, or any change
  to the `[tool.aicmo.boundaries]` configuration, discards the whole cache.
- A module added or removed can change how other files' imports resolve (``from a import b``
  is ``a.b`` only while that module exists; an import of a missing module is dropped), so the
  direct imports of every file are scanned again then; the digests are still reused.
- A cache file that is missing, truncated or altered is ignored and rewritten (cache_file).
"""
from __future__ import annotations

import hashlib
import os
import sys
import time
from functools import cached_property, lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Optional

from aicmo.strangler.boundaries import cache_file
from aicmo.strangler.boundaries.config import BoundaryConfig
from aicmo.strangler.boundaries.dynamic import DynamicImport, dynamic_imports_in
from aicmo.strangler.boundaries.scanner import GraphError, Imports, scan
from aicmo.strangler.boundaries.sources import SourceFile, graph_modules, walk_sources

__all__ = ["CACHE_FOLDER", "GraphError", "ImportTable", "cache_header", "module_file", "read_imports"]

CACHE_FOLDER = ".aicmo_cache"
FILES_CACHE = "boundaries-files.marshal"
FORMAT = 1  # the layout of the cache's payload
RACY_SECONDS = 2

# path -> (mtime_ns, size, content digest, direct imports ((imported, line), ...), dynamic ditto)
Entry = tuple[int, int, bytes, tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]


class ImportTable:
    """The imports of every file, and the fingerprint of what they were read from.

    The direct and dynamic imports are assembled on first use: a run whose findings come
    from the result cache needs only the fingerprint.
    """

    def __init__(self, header: tuple[Any, ...], modules: dict[str, SourceFile], sources: list[SourceFile],
                 entries: dict[str, "Entry"]):
        self._modules, self._sources, self._entries = modules, sources, entries
        fingerprint = hashlib.blake2b(repr(header).encode(), digest_size=20)
        for source in sources:
            entry = entries.get(source.path)
            if entry is not None:
                fingerprint.update(source.path.encode() + b"\0" + entry[2])
        self.fingerprint = fingerprint.digest()  # same configuration, tool versions and contents

    @cached_property
    def direct(self) -> Imports:
        """importer -> imported -> first line, for every module of the graph."""
        entries = self._entries
        return {name: dict(entries[source.path][3]) for name, source in self._modules.items() if source.path in entries}

    @cached_property
    def dynamic(self) -> tuple[DynamicImport, ...]:
        """The literal dynamic imports, in file order."""
        found: list[DynamicImport] = []
        for source in self._sources:
            entry = self._entries.get(source.path)
            if entry is not None:
                found.extend(DynamicImport(source.module, imported, line) for imported, line in entry[4])
        return tuple(found)

    @cached_property
    def files(self) -> dict[str, str]:
        """module -> its repository-relative file."""
        return {name: source.path for name, source in self._modules.items()}


@lru_cache(maxsize=1)
def _tool_version() -> tuple[Any, ...]:
    own = hashlib.blake2b(digest_size=16)
    for path in sorted(Path(__file__).parent.glob("*.py")):
        own.update(path.read_bytes())
    try:
        grimp = metadata.version("grimp")
    except metadata.PackageNotFoundError:
        grimp = ""
    return FORMAT, own.digest(), grimp, tuple(sys.version_info[:2])


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


def read_imports(config: BoundaryConfig, use_cache: bool = True) -> ImportTable:
    root = config.root
    packages = config.present_packages
    sources = walk_sources(str(root), packages)
    modules = graph_modules(sources)
    header = cache_header(config)
    cache_path = root / CACHE_FOLDER / FILES_CACHE
    payload = cache_file.read(cache_path, header) if use_cache else None
    cached: dict[str, Entry] = payload[1] if payload else {}
    same_modules = payload is not None and payload[0] == tuple(sorted(modules))

    racy_after = time.time_ns() - RACY_SECONDS * 1_000_000_000
    entries: dict[str, Entry] = {}
    rescan: list[str] = []  # modules whose direct imports are read again
    changed = False
    for source in sources:
        entry = cached.get(source.path)
        if entry is not None and entry[0] == source.mtime_ns and entry[1] == source.size:
            entries[source.path] = entry
            if not same_modules and modules.get(source.module) is source:
                rescan.append(source.module)
            continue
        changed = True
        data = _read(str(root), source)
        if data is None:
            continue
        digest = _content_digest(data)
        stamp = source.mtime_ns if source.mtime_ns < racy_after else -1  # -1: compare content next time
        if entry is not None and entry[2] == digest:
            entries[source.path] = (stamp, source.size, digest, entry[3], entry[4])
            if not same_modules and modules.get(source.module) is source:
                rescan.append(source.module)
        else:
            entries[source.path] = (stamp, source.size, digest, (), dynamic_imports_in(data, source.module))
            if modules.get(source.module) is source:
                rescan.append(source.module)

    scanned = scan(str(root), packages, modules, rescan)
    for module, imported in scanned.items():
        path = modules[module].path
        entry = entries.get(path)
        if entry is not None:
            entries[path] = (*entry[:3], tuple(sorted(imported.items())), entry[4])
    if use_cache and (changed or scanned or not same_modules or len(entries) != len(cached)):
        cache_file.write(cache_path, header, (tuple(sorted(modules)), entries))
    return ImportTable(header, modules, sources, entries)


def module_file(root: Path, name: str) -> str:
    """The repository-relative file of a module (package modules are their __init__.py)."""
    base = name.replace(".", "/")
    if (root / base / "__init__.py").is_file():
        return f"{base}/__init__.py"
    return f"{base}.py"
