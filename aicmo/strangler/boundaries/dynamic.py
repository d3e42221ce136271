"""Literal dynamic imports grimp cannot see: `importlib.import_module("x")`, an aliased
`import_module`, `__import__("x")`. Only a string literal names a module; a plain string
constant elsewhere, or a computed name, is not an import.
"""
from __future__ import annotations

import ast
import json
import os
from pathlib import Path
from typing import Any, Iterator, Optional

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
    tree = ast.parse(source)
    functions = {"__import__"}  # names bound to a dynamic-import function
    modules: set[str] = set()  # names bound to the importlib module
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "importlib":
            functions |= {a.asname or a.name for a in node.names if a.name == "import_module"}
        elif isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name == "importlib"}
            # `import importlib.util` binds the name importlib too
            modules |= {"importlib" for a in node.names if a.name.startswith("importlib.") and not a.asname}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
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


def _python_files(root: Path, package: str) -> Iterator[str]:
    # os.walk: noticeably faster than Path.rglob on trees of thousands of files
    for folder, subfolders, files in os.walk(root / package):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                yield os.path.join(folder, name)


def _scan(root: Path, path: str) -> list[list[Any]]:
    with open(path, encoding="utf-8", errors="replace") as handle:
        source = handle.read()
    if not any(marker in source for marker in MARKERS):
        return []  # cheap pre-filter: most files never import dynamically
    try:
        return [[f.importer, f.imported, f.line] for f in find_in_source(source, module_name(root, Path(path)))]
    except SyntaxError:
        return []  # grimp reports unparsable files itself


def find_dynamic_imports(root: Path, packages: tuple[str, ...], cache_file: Optional[Path] = None) -> list[DynamicImport]:
    """Every literal dynamic import; with a cache file, unchanged files (mtime, size) are not reread."""
    cached: dict[str, list[Any]] = {}
    if cache_file is not None and cache_file.is_file():
        try:
            cached = json.loads(cache_file.read_text(encoding="utf-8"))
        except ValueError:
            cached = {}
    current: dict[str, list[Any]] = {}
    prefix = len(str(root)) + 1  # cache keys are relative: the tree may move
    for package in packages:
        for path in _python_files(root, package):
            stat = os.stat(path)
            stamp = [stat.st_mtime_ns, stat.st_size]
            entry = cached.get(path[prefix:])
            found = entry[2] if entry and entry[:2] == stamp else _scan(root, path)
            current[path[prefix:]] = [*stamp, found]
    if cache_file is not None and current != cached:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(json.dumps(current), encoding="utf-8")
    return [DynamicImport(*item) for entry in current.values() for item in entry[2]]
