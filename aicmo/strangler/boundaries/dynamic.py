"""Literal dynamic imports grimp cannot see: `importlib.import_module("x")`, an aliased
`import_module`, `__import__("x")`. Only a string literal names a module; a plain string
constant elsewhere, or a computed name, is not an import.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Iterator, Optional

import attrs

MARKERS = ("import_module", "__import__")


@attrs.frozen
class DynamicImport:
    importer: str
    imported: str
    line: int


def _resolve(name: str, package: Optional[str]) -> Optional[str]:
    if not name.startswith("."):
        return name
    if not package:
        return None
    level = len(name) - len(name.lstrip("."))
    base = package.split(".")
    if level > len(base):
        return None
    rest = name[level:]
    head = ".".join(base[: len(base) - level + 1])
    return f"{head}.{rest}" if rest else head


def _literal(node: Optional[ast.expr]) -> Optional[str]:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def find_in_source(source: str, importer: str) -> Iterator[DynamicImport]:
    return find_in_tree(ast.parse(source), importer)


def find_in_tree(tree: ast.AST, importer: str) -> Iterator[DynamicImport]:
    functions = {"__import__"}  # names bound to a dynamic-import function
    modules: set[str] = set()  # names bound to the importlib module
    calls: list[ast.Call] = []
    for node in ast.walk(tree):  # one walk: the bindings, and the calls judged once all are known
        if isinstance(node, ast.Call):
            if node.args:
                calls.append(node)
        elif isinstance(node, ast.ImportFrom) and node.module == "importlib":
            functions |= {a.asname or a.name for a in node.names if a.name == "import_module"}
        elif isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name == "importlib"}
            # `import importlib.util` binds the name importlib too
            modules |= {"importlib" for a in node.names if a.name.startswith("importlib.") and not a.asname}
    for node in calls:
        func = node.func
        dynamic = (isinstance(func, ast.Name) and func.id in functions) or (
            isinstance(func, ast.Attribute) and func.attr == "import_module"
            and isinstance(func.value, ast.Name) and func.value.id in modules
        )
        name = _literal(node.args[0]) if dynamic else None
        if name is None:
            continue
        package = _literal(node.args[1]) if len(node.args) > 1 else None
        resolved = _resolve(name, package)
        if resolved:
            yield DynamicImport(importer, resolved, node.lineno)


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MARKER_BYTES = tuple(marker.encode() for marker in MARKERS)
# What a file needs for find_in_source to find anything, so that most files are never parsed:
# a marker called with a string literal first (through spaces, newlines, parentheses, line
# continuations or comments; r/u prefixes; b and f strings are not str constants), or
# import_module bound to another name, whose calls the marker does not precede.
LITERAL_CALL = re.compile(rb"(?:import_module|__import__)\s*\((?:[\s(\\]|#[^\n]*\n)*[rRuU]?['\"]")
ALIASED = re.compile(rb"\bimport_module\s+as\b")


def may_import_dynamically(data: bytes) -> bool:
    if not any(marker in data for marker in MARKER_BYTES):
        return False  # the cheapest test first: most files name neither marker
    return LITERAL_CALL.search(data) is not None or ALIASED.search(data) is not None


def dynamic_imports_in(data: bytes, importer: str) -> tuple[tuple[str, int], ...]:
    """(imported, line) of each literal dynamic import in a file's bytes."""
    if not may_import_dynamically(data):
        return ()
    try:
        return tuple((f.imported, f.line) for f in find_in_source(data.decode("utf-8", errors="replace"), importer))
    except (SyntaxError, ValueError):
        return ()  # the import scanner reports unparsable files itself
