"""The Python files of the checked packages (but the excluded ones), each with its module name.

A file is a *module* of the import graph by grimp's rules (inside a package: every folder on
the way has an ``__init__.py``, the folder names are identifiers, the file is not hidden and
has no extra dot in its name). Literal dynamic imports are looked for in every ``.py`` file
under a package, as before, so those outside the graph are still judged.
"""
from __future__ import annotations

import os
from fnmatch import fnmatchcase
from typing import NamedTuple, Optional


class SourceFile(NamedTuple):  # a tuple: thousands are made on every run, attrs' init costs more
    path: str  # repository-relative, with "/" separators
    module: str  # the dotted module name derived from the path
    in_graph: bool  # a module of the import graph (see the module docstring)
    mtime_ns: int
    size: int


def excluded(path: str, patterns: tuple[str, ...]) -> bool:
    """Whether a repository-relative path (a file or a folder) matches an `exclude` glob
    (`*` also crosses `/`, so `*/migrations` matches a migrations folder at any depth)."""
    return any(fnmatchcase(path, pattern.rstrip("/")) for pattern in patterns)


def _walk(root: str, parts: list[str], in_graph: bool, into: list[SourceFile], exclude: tuple[str, ...] = ()) -> None:
    with os.scandir(os.path.join(root, *parts)) as entries:
        listed = sorted(entries, key=lambda entry: entry.name)
    # grimp stops at the first folder without __init__.py inside a package
    here_in_graph = in_graph and any(entry.name == "__init__.py" for entry in listed)
    prefix = "/".join(parts) + "/"
    package = ".".join(parts)
    # files before subfolders, each sorted: the order os.walk gave the earlier scanner
    folders = []
    for entry in listed:
        name = entry.name
        if exclude and excluded(prefix + name, exclude):
            continue  # never scanned: neither a module of the graph nor a source of imports
        if entry.is_dir(follow_symlinks=False):  # as os.walk, which grimp uses
            if name != "__pycache__":
                folders.append(name)
        elif name.endswith(".py"):
            try:
                stat = entry.stat()
            except OSError:
                continue  # a dangling link, or a file removed while walking
            module_file = here_in_graph and not name.startswith(".") and name.count(".") == 1
            module = package if name == "__init__.py" else f"{package}.{name[:-3]}"
            into.append(SourceFile(prefix + name, module, module_file, stat.st_mtime_ns, stat.st_size))
    for name in folders:
        _walk(root, [*parts, name], here_in_graph and name.isidentifier(), into, exclude)


def walk_sources(root: str, packages: tuple[str, ...], exclude: tuple[str, ...] = ()) -> list[SourceFile]:
    """Every .py file under the packages but the excluded ones, in a stable order (a stat per
    file, nothing read)."""
    found: list[SourceFile] = []
    for package in packages:
        if not excluded(package, exclude):
            _walk(root, [package], True, found, exclude)
    return found


def graph_modules(sources: list[SourceFile]) -> dict[str, SourceFile]:
    """Module name -> its file; a package's __init__.py wins over a same-named module file."""
    modules: dict[str, SourceFile] = {}
    for source in sources:
        if source.in_graph:
            current: Optional[SourceFile] = modules.get(source.module)
            if current is None or source.path.endswith("/__init__.py"):
                modules[source.module] = source
    return modules
