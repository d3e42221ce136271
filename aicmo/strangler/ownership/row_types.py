"""Row types in one function: which names hold rows of which mapped class.

Learned from annotated parameters, `Row(...)`, `session.get(Row, ...)`, queries naming
`select(Row)` or `query(Row)`, calls of functions annotated to return a row, comprehensions
and loops over those. Over-approximating is deliberate: a false finding can be baselined,
a missed write cannot be seen.
"""
from __future__ import annotations

import ast
from typing import Iterator, Optional, Union

from aicmo.strangler.ownership.source import SourceFile, model_in

Function = Union[ast.FunctionDef, ast.AsyncFunctionDef]


class RowTypes:
    """The row types of the names in one function (flow-insensitive: every assignment counts)."""

    def __init__(self, source: SourceFile, tables: dict[str, str], returns: dict[str, str]):
        self.source, self.tables, self.returns = source, tables, returns
        self.types: dict[str, str] = {}

    def model_name(self, node: ast.expr) -> Optional[str]:
        if isinstance(node, ast.Name) and node.id in self.tables:
            return node.id
        if isinstance(node, ast.Attribute) and node.attr in self.tables:
            return node.attr
        if isinstance(node, ast.Attribute) and node.attr == "__table__":
            return self.model_name(node.value)
        return None

    def type_of(self, node: ast.expr) -> Optional[str]:
        if isinstance(node, ast.Name):
            return self.types.get(node.id)
        if isinstance(node, ast.Subscript):
            return self.type_of(node.value)
        if isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
            for generator in node.generators:
                found = self.type_of(generator.iter)
                if found and isinstance(node.elt, ast.Name) and isinstance(generator.target, ast.Name) \
                        and node.elt.id == generator.target.id:
                    return found
            return self.type_of(node.elt)
        if isinstance(node, ast.IfExp):
            return self.type_of(node.body) or self.type_of(node.orelse)
        if isinstance(node, ast.Call):
            return self._call_type(node)
        return None

    def _call_type(self, node: ast.Call) -> Optional[str]:
        func = node.func
        model = self.model_name(func)
        if model:
            return model
        if isinstance(func, ast.Attribute) and func.attr == "get" and node.args:
            found = self.model_name(node.args[0])
            if found:
                return found
        if isinstance(func, ast.Name):
            qualified = self.source.aliases.get(func.id, f"{self.source.module}.{func.id}")
            if qualified in self.returns:
                return self.returns[qualified]
            if func.id in ("list", "sorted", "tuple", "next", "iter") and node.args:
                return self.type_of(node.args[0])
        for inner in ast.walk(node):  # a query: select(Row), session.query(Row)
            if isinstance(inner, ast.Call) and isinstance(inner.func, (ast.Name, ast.Attribute)) and inner.args:
                name = inner.func.id if isinstance(inner.func, ast.Name) else inner.func.attr
                if name in ("select", "query"):
                    found = self.model_name(inner.args[0])
                    if found:
                        return found
        return None

    def learn(self, function: Optional[Function], body: list[ast.stmt]) -> None:
        if function is not None:
            arguments = function.args
            for arg in arguments.posonlyargs + arguments.args + arguments.kwonlyargs:
                model = model_in(arg.annotation, self.tables) if arg.annotation is not None else None
                if model:
                    self.types[arg.arg] = model
        for _ in range(2):  # twice, so a name typed late in the function still types earlier uses
            for node in walk_local(body):
                if isinstance(node, ast.Assign):
                    found = self.type_of(node.value)
                    for target in node.targets:
                        if found and isinstance(target, ast.Name):
                            self.types[target.id] = found
                elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    found = model_in(node.annotation, self.tables) or (self.type_of(node.value) if node.value else None)
                    if found:
                        self.types[node.target.id] = found
                elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)) and isinstance(node.target, ast.Name):
                    found = self.type_of(node.iter)
                    if found:
                        self.types[node.target.id] = found


def walk_local(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """Every node of a body without descending into nested functions or classes."""
    nested = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
    stack: list[ast.AST] = [node for node in reversed(body) if not isinstance(node, nested)]
    while stack:
        node = stack.pop()
        yield node
        for child in reversed(list(ast.iter_child_nodes(node))):
            if not isinstance(child, nested):
                stack.append(child)
