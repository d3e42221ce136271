"""The parsed first-party source the ownership check reads: per file its module name,
syntax tree and import aliases, and across files the model classes and their tables.
"""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator, Optional

import attrs

from aicmo.strangler.boundaries.dynamic import module_name


@attrs.frozen
class SourceFile:
    path: str  # repository-relative posix path
    module: str
    tree: ast.Module
    aliases: dict[str, str]  # local name -> qualified name it was imported as


def _aliases(tree: ast.Module) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                found[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return found


def read_sources(root: Path, packages: tuple[str, ...]) -> Iterator[SourceFile]:
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            try:
                tree = ast.parse(path.read_text(encoding="utf-8"))
            except SyntaxError:
                continue
            yield SourceFile(path.relative_to(root).as_posix(), module_name(root, path), tree, _aliases(tree))


@attrs.frozen
class TableDeclaration:
    """A table named in source: by a mapped class (no owner) or by `register_table` (an owner)."""

    table: str
    owner: Optional[str]
    name: str  # the mapped class, or "register_table"
    file: str
    line: int


def _is_register_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and len(node.args) == 2 and (
        (isinstance(node.func, ast.Name) and node.func.id == "register_table")
        or (isinstance(node.func, ast.Attribute) and node.func.attr == "register_table")
    ) and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)


def table_declarations(sources: list[SourceFile]) -> list[TableDeclaration]:
    found = []
    for source in sources:
        for node in ast.walk(source.tree):
            if isinstance(node, ast.ClassDef):
                for statement in node.body:
                    if isinstance(statement, ast.Assign) and any(
                        isinstance(t, ast.Name) and t.id == "__tablename__" for t in statement.targets
                    ) and isinstance(statement.value, ast.Constant) and isinstance(statement.value.value, str):
                        found.append(TableDeclaration(statement.value.value, None, node.name, source.path, statement.lineno))
            elif _is_register_call(node):
                table, owner = (a.value for a in node.args)  # type: ignore[attr-defined]
                found.append(TableDeclaration(table, owner, "register_table", source.path, node.lineno))
    return found


def model_tables(declarations: list[TableDeclaration]) -> dict[str, str]:
    """Mapped class name -> table, from `__tablename__ = "..."` in class bodies."""
    return {d.name: d.table for d in declarations if d.owner is None}


def returned_models(sources: list[SourceFile], tables: dict[str, str]) -> dict[str, str]:
    """Qualified function name -> the model class its return annotation names."""
    found: dict[str, str] = {}
    for source in sources:
        for node in source.tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns is not None:
                model = model_in(node.returns, tables)
                if model:
                    found[f"{source.module}.{node.name}"] = model
    return found


def model_in(annotation: ast.expr, tables: dict[str, str]) -> str | None:
    """The model class an annotation names (`Row`, `list[Row]`, `Row | None`, `"Row"`)."""
    for node in ast.walk(annotation):
        if isinstance(node, ast.Name) and node.id in tables:
            return node.id
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in tables:
            return node.value
    return None
