"""What one file imports, by name: each imported name of its import statements, its literal
dynamic imports, or why the running Python could not read it.

grimp's scanner (a Rust parser) gives the module-to-module edges of every file, whatever its
syntax; the names imported along each edge come from Python's own parser here, so a file that
parser rejects (syntax newer than the running Python, a file that is not Python) is reported as
unreadable rather than silently read as importing nothing.
"""
from __future__ import annotations

import ast
from typing import Iterator, Optional

from aicmo.strangler.boundaries.dynamic import find_in_tree, may_import_dynamically

Names = tuple[tuple[str, int], ...]  # (imported dotted name, line of its statement)
Unreadable = tuple[tuple[int, str], ...]  # () or ((line, why),): a tuple so that marshal keeps it


def _from_base(module: Optional[str], level: int, package: str) -> Optional[str]:
    """The module a `from ... import` statement imports from, relative ones resolved."""
    if not level:
        return module
    parts = package.split(".") if package else []
    if level - 1 > len(parts) - 1 or not parts:
        return None  # beyond the top-level package: Python refuses it too
    base = ".".join(parts[: len(parts) - level + 1])
    return f"{base}.{module}" if module else base


def imported_names(tree: ast.AST, package: str) -> Iterator[tuple[str, int]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = _from_base(node.module, node.level, package)
            if base is not None:
                for alias in node.names:
                    yield f"{base}.{alias.name}", node.lineno


def read_file(data: bytes, module: str, is_package: bool) -> tuple[Names, Names, Unreadable]:
    """(imported names, literal dynamic imports, unreadable) of a file's bytes."""
    try:
        tree = ast.parse(data)  # bytes: the file's own coding declaration is honoured
    except SyntaxError as exc:
        return (), (), ((exc.lineno or 1, f"{type(exc).__name__}: {exc.msg}"),)
    except ValueError as exc:  # null bytes, an unknown encoding
        return (), (), ((1, f"{type(exc).__name__}: {exc}"),)
    package = module if is_package else module.rpartition(".")[0]
    names = tuple(sorted(set(imported_names(tree, package)), key=lambda n: (n[1], n[0])))
    dynamic: Names = ()
    if may_import_dynamically(data):
        dynamic = tuple((f.imported, f.line) for f in find_in_tree(tree, module))
    return names, dynamic, ()
