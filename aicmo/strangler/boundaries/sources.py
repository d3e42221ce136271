"""The Python files of the checked packages, each with its stat stamp and its module name.

A file is a *module* of the import graph by grimp's rules (inside a package: every folder on
the way has an ``__init__.py``, the folder names are identifiers, the file is not hidden and
has no extra dot in its name). Literal dynamic imports are looked for in every ``.py`` file
under a package, as before, so those outside the graph are still judged.
"""
from __future__ import annotations

import os
from typing import Iterator, NamedTuple, Optional


class SourceFile(NamedTuple):  # a tuple: thousands are made on every run, attrs' init costs more
    path: str  # repository-relative, with "/" separators
    module: str  # the dotted module name derived from the path
    in_graph: bool  # a module of the import graph (see the module docstring)
    mtime_ns: int
    size: int


def _module_name(parts: list[str], filename: str) -> str:
    stem = filename[:-3]
    return ".".join(parts if stem == "__init__" else [*parts, stem])


def _walk(root: str, parts: list[str], in_graph: bool) -> Iterator[SourceFile]:
    folder = os.path.join(root, *parts)
    with os.scandir(folder) as entries:
        listed = sorted(entries, key=lambda entry: entry.name)
    names = {entry.name for entry in listed}
    # grimp stops at the first folder without __init__.py inside a package
    here_in_graph = in_graph and "__init__.py" in names
    # files before subfolders, each sorted: the order os.walk gave the earlier scanner
    folders = []
    for entry in listed:
        name = entry.name
        if entry.is_dir(follow_symlinks=False):  # as os.walk, which grimp uses
            if name != "__pycache__":
                folders.append(name)
        elif name.endswith(".py"):
            try:
                stat = entry.stat()
            except OSError:
                continue  # a dangling link, or a file removed while walking
            module_file = here_in_graph and not name.startswith(".") and name.count(".") == 1
            yield SourceFile("/".join([*parts, name]), _module_name(parts, name), module_file,
                             stat.st_mtime_ns, stat.st_size)
    for name in folders:
        yield from _walk(root, [*parts, name], here_in_graph and name.isidentifier())


def walk_sources(root: str, packages: tuple[str, ...]) -> list[SourceFile]:
    """Every .py file under the packages, in a stable order (a stat per file, nothing read)."""
    return [source for package in packages for source in _walk(root, [package], True)]


def graph_modules(sources: list[SourceFile]) -> dict[str, SourceFile]:
    """Module name -> its file; a package's __init__.py wins over a same-named module file."""
    modules: dict[str, SourceFile] = {}
    for source in sources:
        if source.in_graph:
            current: Optional[SourceFile] = modules.get(source.module)
            if current is None or source.path.endswith("/__init__.py"):
                modules[source.module] = source
    return modules
