"""The import graph of the first-party packages, built by grimp with its on-disk cache."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import grimp
from grimp.exceptions import GrimpException

CACHE_DIR = ".grimp_cache"


class GraphError(RuntimeError):
    """The import graph cannot be built (a file that does not parse, a package not found)."""


@contextmanager
def _importable(root: Path) -> Iterator[None]:
    # grimp finds packages through the import system; put the checked tree first
    sys.path.insert(0, str(root))
    sys.path_importer_cache.pop(str(root), None)
    try:
        yield
    finally:
        sys.path.remove(str(root))


def build_graph(root: Path, packages: tuple[str, ...], use_cache: bool = True) -> grimp.ImportGraph:
    cache = str(root / CACHE_DIR) if use_cache else None
    with _importable(root):
        try:
            return grimp.build_graph(*packages, cache_dir=cache)
        except (GrimpException, ValueError) as exc:
            raise GraphError(f"cannot build the import graph: {exc}") from None


def module_file(root: Path, name: str) -> str:
    """The repository-relative file of a module (package modules are their __init__.py)."""
    base = name.replace(".", "/")
    if (root / base / "__init__.py").is_file():
        return f"{base}/__init__.py"
    return f"{base}.py"
