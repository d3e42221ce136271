"""Find the table writes in one file: ORM inserts (`Row(...)`, `session.add`), attribute
writes on typed rows, deletes, `insert`/`update`/`delete` statements, the bulk methods and
raw SQL naming a table. Row types come from row_types.py.
"""
from __future__ import annotations

import ast
from typing import Iterator, Optional

import attrs

from aicmo.shared.persistence.sql_text import TEXT_WRITE
from aicmo.strangler.ownership.row_types import Function, RowTypes, walk_local
from aicmo.strangler.ownership.source import SourceFile

STATEMENTS = {"insert", "update", "delete"}
ADDERS = {"add", "add_all", "merge"}
BULK = {"bulk_insert_mappings": "insert", "bulk_update_mappings": "update", "bulk_save_objects": "insert"}


@attrs.frozen
class Write:
    module: str  # the Python module holding the write
    function: str  # the enclosing function ("<module>" at top level)
    table: str
    kind: str  # insert, update, delete, statement or raw-sql
    file: str
    line: int


def _docstrings(tree: ast.Module) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            ids.add(id(node.value))
    return ids


def _writes_in(scope: RowTypes, body: list[ast.stmt], known: set[str], docstrings: set[int]) -> Iterator[tuple[str, str, int]]:
    """(table, kind, line) for each write in a body."""
    tables = scope.tables

    def row_table(node: ast.expr) -> Optional[str]:
        found = scope.type_of(node)
        return tables.get(found) if found else None

    for node in walk_local(body):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for element in (target.elts if isinstance(target, ast.Tuple) else [target]):
                    if isinstance(element, ast.Attribute):
                        table = row_table(element.value)
                        if table:
                            yield table, "update", node.lineno
        elif isinstance(node, ast.Call):
            yield from _call_writes(scope, node, row_table)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            for match in TEXT_WRITE.finditer(node.value):
                if match.group(1) in known:
                    yield match.group(1), "raw-sql", node.lineno


def _call_writes(scope: RowTypes, node: ast.Call, row_table) -> Iterator[tuple[str, str, int]]:
    func = node.func
    is_table = isinstance(func, ast.Attribute) and func.attr == "__table__"
    model = None if is_table else scope.model_name(func)
    if model:
        yield scope.tables[model], "insert", node.lineno  # constructing a row is how it gets inserted
        return
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    if name in STATEMENTS:
        # insert(Row) / update(Row) / delete(Row), Row.__table__.insert(),
        # session.query(Row)...delete(), session.delete(row)
        target = node.args[0] if node.args else (func.value if isinstance(func, ast.Attribute) else None)
        found = None
        if target is not None:
            found = scope.model_name(target) or scope.type_of(target)
        if found:
            yield scope.tables[found], name, node.lineno
    elif name in ADDERS and node.args:
        argument = node.args[0]
        items = argument.elts if isinstance(argument, (ast.List, ast.Tuple)) else [argument]
        for item in items:
            if isinstance(item, ast.Call):
                continue  # `session.add(Row(...))`: the construction is reported already
            table = row_table(item)
            if table:
                yield table, "insert", node.lineno
    elif name in BULK and node.args:
        found = scope.model_name(node.args[0])
        if found:
            yield scope.tables[found], BULK[name], node.lineno
    elif name == "setattr" and node.args:
        table = row_table(node.args[0])
        if table:
            yield table, "update", node.lineno


def find_writes(source: SourceFile, tables: dict[str, str], returns: dict[str, str], known: set[str]) -> list[Write]:
    docstrings = _docstrings(source.tree)
    found: dict[tuple[str, str, str], Write] = {}

    def visit(function: Optional[Function], qualname: str, body: list[ast.stmt], outer: dict[str, str]) -> dict[str, str]:
        scope = RowTypes(source, tables, returns)
        scope.types.update(outer)  # a closure sees the row types of its enclosing function
        scope.learn(function, body)
        for table, kind, line in _writes_in(scope, body, known, docstrings):
            found.setdefault((qualname, table, kind), Write(source.module, qualname, table, kind, source.path, line))
        return scope.types

    module_types = visit(None, "<module>", source.tree.body, {})
    stack: list[tuple[str, ast.AST, dict[str, str]]] = [("", source.tree, module_types)]
    while stack:
        prefix, parent, outer = stack.pop()
        for child in ast.iter_child_nodes(parent):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                qualname = f"{prefix}{child.name}"
                types = visit(child, qualname, child.body, outer)
                stack.append((qualname + ".", child, types))
            elif isinstance(child, ast.ClassDef):
                stack.append((f"{prefix}{child.name}.", child, outer))
            elif not isinstance(child, ast.Lambda):
                stack.append((prefix, child, outer))
    return sorted(found.values(), key=lambda w: (w.line, w.table, w.kind))
